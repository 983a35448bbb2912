import { useMemo } from 'react';
import type { SentimentIntervalDto } from '../../../shared/api/text-dto';
import { EChart } from '../../charts/EChart';
import { useUi } from '../../app/ui-store';
import { byGroupOption, overTimeOption } from './text-charts';
import { useText } from './store';

const signed = (v: number) => (v >= 0 ? '+' : '−') + Math.abs(v).toFixed(2);

/** The highest and lowest group or bucket, in words (what the chart shows, for those who do not see it). */
function extremes(points: readonly SentimentIntervalDto[]): string {
  if (points.length < 2) return '';
  const sorted = [...points].sort((a, b) => b.mean - a.mean);
  const hi = sorted[0];
  const lo = sorted[sorted.length - 1];
  return `Highest ${hi.key} (${signed(hi.mean)}, 95 % ${signed(hi.lo)} … ${signed(hi.hi)}), lowest ${lo.key} (${signed(lo.mean)}, 95 % ${signed(lo.lo)} … ${signed(lo.hi)}).`;
}

/** Overall mean and labels, the mean over time with its band, and per group with intervals. */
export function SentimentCharts() {
  const a = useText((s) => s.aggregates);
  const dark = useUi((s) => s.theme === 'dark');
  const timeOption = useMemo(() => (a?.time ? overTimeOption(a.time.points, a.time.bucket, dark) : null), [a, dark]);
  const groupOption = useMemo(() => (a?.groups ? byGroupOption(a.groups.groups, dark) : null), [a, dark]);
  if (!a) return null;
  const total = a.labels.positive + a.labels.neutral + a.labels.negative || 1;
  const pct = (n: number) => `${Math.round((100 * n) / total)} %`;
  return (
    <>
      <section className="text-block text-overall" aria-labelledby="text-overall-title" data-testid="text-overall">
        <h2 className="run-section-title" id="text-overall-title">
          Sentiment of {a.scored.toLocaleString()} texts
        </h2>
        <p className="text-overall-line">
          <span className="text-big">{signed(a.overall.mean)}</span> mean score <span className="muted">(95 % interval {signed(a.overall.lo)} … {signed(a.overall.hi)}, scores run from −1 to +1)</span>
        </p>
        <div className="label-split" role="img" aria-label={`${pct(a.labels.positive)} positive, ${pct(a.labels.neutral)} neutral, ${pct(a.labels.negative)} negative`}>
          <span className="pos" style={{ flexGrow: a.labels.positive }} />
          <span className="neu" style={{ flexGrow: a.labels.neutral }} />
          <span className="neg" style={{ flexGrow: a.labels.negative }} />
        </div>
        <p className="muted text-small">
          {a.labels.positive.toLocaleString()} positive · {a.labels.neutral.toLocaleString()} neutral · {a.labels.negative.toLocaleString()} negative
          {a.rows > a.scored ? ` · ${(a.rows - a.scored).toLocaleString()} rows without text` : ''}
        </p>
      </section>
      <div className="text-grid">
      {a.time && timeOption && (
        <section className="text-block" aria-labelledby="text-time-title" data-testid="text-over-time">
          <h2 className="run-section-title" id="text-time-title">
            Mean score per {a.time.bucket} of {a.time.column}
          </h2>
          {a.time.points.length > 0 ? <EChart option={timeOption} height={260} testId="text-time-chart" notMerge /> : <p className="muted">No row has a date.</p>}
          <p className="muted text-small">
            Band: 95 % bootstrap interval of each {a.time.bucket}&apos;s mean. {extremes(a.time.points)}
            {a.time.skipped ? ` ${a.time.skipped.toLocaleString()} texts without a date are left out.` : ''}
          </p>
        </section>
      )}
      {a.groups && groupOption && (
        <section className="text-block" aria-labelledby="text-group-title" data-testid="text-by-group">
          <h2 className="run-section-title" id="text-group-title">
            Mean score per {a.groups.column}
          </h2>
          <EChart option={groupOption} height={Math.max(140, 34 * a.groups.groups.length + 44)} testId="text-group-chart" notMerge />
          <p className="muted text-small">
            Lines: 95 % bootstrap intervals. {extremes(a.groups.groups)}
            {a.groups.more ? ` ${a.groups.more} smaller groups are not shown.` : ''}
          </p>
        </section>
      )}
      </div>
    </>
  );
}
