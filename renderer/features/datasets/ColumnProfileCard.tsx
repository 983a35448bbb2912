import { useMemo } from 'react';
import type { ColumnProfileDto } from '../../../shared/api/datasets-dto';
import type { ProfileWarningDto } from '../../../shared/profile-warnings';
import { WarningBadges } from './ProfileWarnings';
import { LazyMount } from '../../components/LazyMount';
import { EChart } from '../../charts/EChart';
import { histogramOption, topValuesOption } from './profile-charts';
import { TYPE_LABEL, formatNumber, formatShare, formatSpread, formatStat, isNumericType, isTimeType } from './format';

const CHART_H = 150;
/** Quantile keys read as percents whether written "p50", "50" or "0.5". */
const percentOf = (key: string) => {
  const n = Number(key.replace(/^p/i, ''));
  return n > 0 && n < 1 ? n * 100 : n;
};
const quantileLabel = (key: string) => (percentOf(key) === 50 ? 'median' : `${percentOf(key)}%`);

interface Props {
  column: ColumnProfileDto;
  rows: number;
  /** This column's warnings; undefined for profiles computed before warnings existed (the id-like mark stands alone then). */
  warnings?: ProfileWarningDto[];
  names?: string[];
}

/** One column's numbers and shape, and its warnings. Its chart mounts only near the viewport. */
export function ColumnProfileCard({ column: c, rows, warnings, names = [] }: Props) {
  const ranged = isNumericType(c.type) || isTimeType(c.type);
  const showHistogram = ranged && (c.histogram?.length ?? 0) > 0;
  const showTop = !showHistogram && c.top.length > 0 && (c.type === 'categorical' || c.type === 'boolean');
  const histogram = useMemo(() => (showHistogram ? histogramOption(c) : null), [c, showHistogram]);
  const topValues = useMemo(() => (showTop ? topValuesOption(c) : null), [c, showTop]);
  const typeBadge = (
    <span className={`type-badge type-${c.type}`} title={c.type}>
      {TYPE_LABEL[c.type]}
    </span>
  );
  const quantiles = c.quantiles ? Object.entries(c.quantiles).sort(([a], [b]) => percentOf(a) - percentOf(b)) : [];

  return (
    <article className="profile-card" aria-label={`Column ${c.name}`} data-testid={`profile-column-${c.name}`}>
      <header className="profile-card-head">
        <h4 title={c.name}>{c.name}</h4>
        {warnings ? (
          <span className="profile-card-badges">
            {typeBadge}
            <WarningBadges warnings={warnings} names={names} />
          </span>
        ) : c.idLike ? (
          <span>
            {typeBadge}
            <span className="type-badge badge-stopped" title="Nearly every value is distinct: an identifier, not a feature. A model would only memorise it." data-testid="id-like">
              id-like
            </span>
          </span>
        ) : (
          typeBadge
        )}
      </header>
      <dl className="stats">
        <dt>Count</dt>
        <dd>{formatNumber(c.count)}</dd>
        <dt>Missing</dt>
        <dd className={c.missing > 0 ? 'warn-text' : undefined}>
          {formatNumber(c.missing)} ({formatShare(c.missing, rows)})
        </dd>
        <dt>Distinct</dt>
        <dd>
          {c.distinctCapped ? '≥ ' : ''}
          {formatNumber(c.distinct)}
        </dd>
        {ranged && (
          <>
            <dt>Min / max</dt>
            <dd>
              {formatStat(c.min, c.type)} – {formatStat(c.max, c.type)}
            </dd>
            <dt>Mean ± std</dt>
            <dd>
              {formatStat(c.mean, c.type)} ± {formatSpread(c.std, c.type)}
            </dd>
          </>
        )}
        {c.meanLength !== null && (
          <>
            <dt>Mean length</dt>
            <dd>{formatNumber(c.meanLength)} chars</dd>
          </>
        )}
      </dl>
      {quantiles.length > 0 && (
        <table className="quantiles" aria-label={`Quantiles of ${c.name}`}>
          <thead>
            <tr>
              {quantiles.map(([q]) => (
                <th key={q}>{quantileLabel(q)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              {quantiles.map(([q, v]) => (
                <td key={q}>{formatStat(v, c.type)}</td>
              ))}
            </tr>
          </tbody>
        </table>
      )}
      {histogram && (
        <LazyMount height={CHART_H}>
          <EChart option={histogram} height={CHART_H} testId="histogram" />
        </LazyMount>
      )}
      {topValues && (
        <LazyMount height={CHART_H}>
          <EChart option={topValues} height={CHART_H} testId="top-values" />
        </LazyMount>
      )}
      {!showHistogram && !showTop && c.top.length > 0 && (
        <ol className="top-list" aria-label={`Most frequent values of ${c.name}`}>
          {c.top.slice(0, 5).map((t) => (
            <li key={t.value}>
              <span className="top-value">{t.value}</span> <span className="muted">{formatNumber(t.count)}</span>
            </li>
          ))}
        </ol>
      )}
    </article>
  );
}
