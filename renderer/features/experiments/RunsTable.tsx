import type { RunSummaryDto } from '../../../shared/api/dto';
import { formatWhen } from '../../components/format';

interface Props {
  runs: RunSummaryDto[];
  selected?: Set<string>;
  onToggle?: (id: string) => void;
}

/** Runs with their headline metric; used by Experiments and Compare. */
export function RunsTable({ runs, selected, onToggle }: Props) {
  return (
    <table className="table" data-testid="runs-table">
      <thead>
        <tr>
          {onToggle && <th aria-label="Select" />}
          <th>Run</th>
          <th>Target</th>
          <th>Task</th>
          <th>Model</th>
          <th>Status</th>
          <th>Metrics</th>
          <th>Started</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.id}>
            {onToggle && (
              <td>
                <input type="checkbox" checked={selected?.has(r.id) ?? false} onChange={() => onToggle(r.id)} aria-label={`Select run ${r.id}`} />
              </td>
            )}
            <td className="mono">{r.id.slice(0, 8)}</td>
            <td>{r.target}</td>
            <td>{r.task}</td>
            <td>{r.family}</td>
            <td>{r.status}</td>
            <td className="mono">
              {r.metrics
                ? Object.entries(r.metrics)
                    .slice(0, 3)
                    .map(([k, v]) => `${k} ${v.toPrecision(4)}`)
                    .join(' · ')
                : '—'}
            </td>
            <td>{formatWhen(r.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
