import { useState } from 'react';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import { paramRows } from './compare-data';
import { runLabel } from './overlay';

/** The setup and parameters of the picked runs side by side; what differs is highlighted. */
export function ParamsDiff({ runs }: { runs: RunDetailDto[] }) {
  const [onlyDiff, setOnlyDiff] = useState(false);
  const all = paramRows(runs);
  const differing = all.filter((r) => r.differs).length;
  const rows = onlyDiff ? all.filter((r) => r.differs) : all;
  return (
    <section className="compare-block" aria-label="Parameters">
      <h3 className="run-section-title">
        Parameters <span className="muted compare-legend-note">{differing ? `${differing} differ` : 'all the same'}</span>
        <label className="compare-only-diff">
          <input type="checkbox" checked={onlyDiff} onChange={(e) => setOnlyDiff(e.target.checked)} data-testid="params-only-diff" /> only what differs
        </label>
      </h3>
      <div className="table-scroll">
        <table className="table compare-table" data-testid="compare-params">
          <thead>
            <tr>
              <th>Setting</th>
              {runs.map((r, i) => (
                <th key={r.id}>{runLabel(r, i)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className={row.differs ? 'differs' : undefined} data-param={row.key} data-differs={row.differs || undefined}>
                <th scope="row" className="mono">
                  {row.key}
                </th>
                {row.values.map((v, i) => (
                  <td key={runs[i].id} className="mono">
                    {v}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small-note">A parameter a run does not list took its trainer’s default.</p>
    </section>
  );
}
