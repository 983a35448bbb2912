import { useMemo } from 'react';
import type { ColumnProfileDto } from '../../../shared/api/datasets-dto';
import { LazyMount } from '../../components/LazyMount';
import { EChart } from '../../charts/EChart';
import { histogramOption, topValuesOption } from './profile-charts';
import { TYPE_LABEL, formatNumber, formatShare, formatSpread, formatStat, isNumericType, isTimeType } from './format';

const CHART_H = 150;
const QUANTILE_LABEL: Record<string, string> = { '0.05': '5%', '0.25': '25%', '0.5': 'median', '0.75': '75%', '0.95': '95%' };

/** One column's numbers and shape. Its chart mounts only near the viewport. */
export function ColumnProfileCard({ column: c, rows }: { column: ColumnProfileDto; rows: number }) {
  const ranged = isNumericType(c.type) || isTimeType(c.type);
  const showHistogram = ranged && (c.histogram?.length ?? 0) > 0;
  const showTop = !showHistogram && c.top.length > 0 && (c.type === 'categorical' || c.type === 'boolean');
  const histogram = useMemo(() => (showHistogram ? histogramOption(c) : null), [c, showHistogram]);
  const topValues = useMemo(() => (showTop ? topValuesOption(c) : null), [c, showTop]);
  const quantiles = c.quantiles ? Object.entries(c.quantiles).sort(([a], [b]) => Number(a) - Number(b)) : [];

  return (
    <article className="profile-card" aria-label={`Column ${c.name}`} data-testid={`profile-column-${c.name}`}>
      <header className="profile-card-head">
        <h4 title={c.name}>{c.name}</h4>
        <span className={`type-badge type-${c.type}`} title={c.type}>
          {TYPE_LABEL[c.type]}
        </span>
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
                <th key={q}>{QUANTILE_LABEL[q] ?? `p${Number(q) * 100}`}</th>
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
