import type { AliasMoveDto } from '../../../shared/api/methods/registry';
import { formatWhen } from '../../components/format';
import { v } from './registry';

/** Every alias move, newest first: the audit trail of what served when. */
export function AliasHistory({ history }: { history: AliasMoveDto[] }) {
  return (
    <section className="model-block" aria-labelledby="history-title">
      <h3 id="history-title" className="run-section-title">
        History
      </h3>
      {history.length === 0 ? (
        <p className="muted small-note">Alias moves and rollbacks are listed here, with when and why.</p>
      ) : (
        <div className="table-scroll">
          <table className="table registry-table" data-testid="alias-history">
            <thead>
              <tr>
                <th>When</th>
                <th>Alias</th>
                <th>Move</th>
                <th>Action</th>
                <th>Note</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h, i) => (
                <tr key={i} data-action={h.action} data-alias={h.alias}>
                  <td className="nowrap">{formatWhen(h.at)}</td>
                  <td>
                    <span className={`alias-chip alias-${h.alias}`}>{h.alias}</span>
                  </td>
                  <td className="mono nowrap" data-testid="history-move">
                    {h.fromVersion ? v(h.fromVersion) : 'new'} → {v(h.toVersion)}
                  </td>
                  <td>
                    <span className={`badge badge-move-${h.action}`}>{h.action}</span>
                  </td>
                  <td className="history-note">{h.note || <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
