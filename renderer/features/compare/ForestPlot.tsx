import type { CompareResultDto } from '../../../shared/api/runs-dto';
import { formatMetricOf } from '../experiments/format';

const W = 480;
const H = 86;
const PAD = 14;
const Y = 42;

/**
 * The difference B − A and its interval on a number line, with zero and the equivalence margin
 * marked: an interval clear of the margin band is a real difference.
 */
export function ForestPlot({ r }: { r: CompareResultDto }) {
  const { estimate, lo, hi } = r.difference;
  const m = r.margin;
  let min = Math.min(lo, 0, -m);
  let max = Math.max(hi, 0, m);
  const span = max - min || Math.abs(estimate) || 1;
  min -= span * 0.08;
  max += span * 0.08;
  const x = (v: number) => PAD + ((v - min) / (max - min)) * (W - 2 * PAD);
  const left = r.lowerIsBetter ? 'B better' : 'A better';
  const right = r.lowerIsBetter ? 'A better' : 'B better';
  return (
    <svg className="forest" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`B minus A: ${formatMetricOf(r.metric, estimate)}, interval ${formatMetricOf(r.metric, lo)} to ${formatMetricOf(r.metric, hi)}`} data-testid="ab-forest">
      {m > 0 && <rect className="forest-margin" x={x(-m)} y={Y - 16} width={x(m) - x(-m)} height={32} rx={3} />}
      <line className="forest-axis" x1={PAD} x2={W - PAD} y1={Y + 18} y2={Y + 18} />
      <line className="forest-zero" x1={x(0)} x2={x(0)} y1={Y - 20} y2={Y + 22} />
      <line className="forest-ci" x1={x(lo)} x2={x(hi)} y1={Y} y2={Y} />
      <line className="forest-ci" x1={x(lo)} x2={x(lo)} y1={Y - 7} y2={Y + 7} />
      <line className="forest-ci" x1={x(hi)} x2={x(hi)} y1={Y - 7} y2={Y + 7} />
      <circle className="forest-est" cx={x(estimate)} cy={Y} r={5.5} />
      <text className="forest-label" x={x(0)} y={Y + 32} textAnchor="middle">
        0
      </text>
      <text className="forest-label" x={PAD} y={11} textAnchor="start">
        ← {left}
      </text>
      <text className="forest-label" x={W - PAD} y={11} textAnchor="end">
        {right} →
      </text>
      <text className="forest-label" x={x(estimate)} y={Y - 12} textAnchor="middle">
        {formatMetricOf(r.metric, estimate)}
      </text>
    </svg>
  );
}
