import type { NetworkSummary } from '../../../shared/nn/index';
import { LAYER_INFO } from '../../../shared/nn/index';

const count = (n: number) => n.toLocaleString('en-US');

/** Bytes as the size a user reads: 12.3 kB, 4.5 MB. */
export function formatBytes(b: number): string {
  if (b < 1000) return `${b} B`;
  if (b < 1e6) return `${(b / 1000).toFixed(1)} kB`;
  return `${(b / 1e6).toFixed(1)} MB`;
}

/** Each layer's output shape and parameters, the totals, and every problem naming its layer. */
export function NetworkSummaryTable({ summary, testId }: { summary: NetworkSummary; testId: string }) {
  const bad = new Set(summary.errors.map((e) => e.layer).filter((l): l is string => l !== null));
  return (
    <div className="nn-summary" data-testid={testId}>
      <table className="nn-summary-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Layer</th>
            <th scope="col">Output shape</th>
            <th scope="col" className="num">
              Parameters
            </th>
          </tr>
        </thead>
        <tbody>
          <tr className="muted">
            <td />
            <td>Input</td>
            <td className="mono">{summary.inputShape ? `[${summary.inputShape.join(', ')}]` : '—'}</td>
            <td className="num mono">0</td>
          </tr>
          {summary.layers.map((r) => (
            <tr key={r.index} className={bad.has(r.index) ? 'nn-row-bad' : undefined} data-testid={`${testId}-row-${r.index}`}>
              <td className="mono">{r.index}</td>
              <td style={{ paddingLeft: `${0.5 + r.depth}rem` }}>{LAYER_INFO[r.type].label}</td>
              <td className="mono">[{r.outputShape.join(', ')}]</td>
              <td className="num mono">{count(r.params)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td />
            <td colSpan={2}>
              Total{summary.trainableParams !== summary.totalParams ? ` (${count(summary.trainableParams)} trainable)` : ''} · {formatBytes(summary.bytes)} of float32 weights
            </td>
            <td className="num mono" data-testid={`${testId}-total`}>
              {count(summary.totalParams)}
            </td>
          </tr>
        </tfoot>
      </table>
      {summary.errors.length > 0 && (
        <ul className="nn-errors" role="alert" data-testid={`${testId}-errors`}>
          {summary.errors.map((e) => (
            <li key={`${e.path}:${e.message}`}>{e.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
