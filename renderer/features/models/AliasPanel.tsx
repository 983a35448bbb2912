import { useState } from 'react';
import type { ModelDetailDto } from '../../../shared/api/methods/registry';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { rollbackTarget, v } from './registry';
import { useModels } from './store';

/** Each alias and the version it points at, with a one-click rollback to the version before. */
export function AliasPanel({ detail }: { detail: ModelDetailDto }) {
  const rollback = useModels((s) => s.rollback);
  const [confirming, setConfirming] = useState<{ alias: string; from: string; to: string } | null>(null);
  const [note, setNote] = useState('');
  const aliases = Object.entries(detail.aliases).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));

  return (
    <section className="model-block" aria-labelledby="aliases-title" data-testid="alias-panel">
      <h3 id="aliases-title" className="run-section-title">
        Aliases
      </h3>
      {aliases.length === 0 ? (
        <p className="muted small-note">No alias yet. Promote a version to point production, staging or an alias of your own at it.</p>
      ) : (
        <ul className="alias-list">
          {aliases.map(([alias, version]) => {
            const back = rollbackTarget(detail.history, alias);
            return (
              <li key={alias} className="alias-card" data-testid={`alias-${alias}`} data-version={version}>
                <span className={`alias-chip alias-${alias}`}>{alias}</span>
                <span aria-hidden>→</span>
                <strong className="mono" data-testid="alias-version">
                  {v(version)}
                </strong>
                <button
                  type="button"
                  className="small"
                  disabled={!back}
                  title={back ? `Move ${alias} back to ${v(back)}` : `${alias} has no earlier version to go back to`}
                  onClick={() => back && (setNote(''), setConfirming({ alias, from: version, to: back }))}
                  data-testid={`rollback-${alias}`}
                >
                  Roll back{back ? ` to ${v(back)}` : ''}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {confirming && (
        <ConfirmDialog
          title={`Roll back ${confirming.alias}?`}
          confirmLabel={`Roll back to ${v(confirming.to)}`}
          onConfirm={() => rollback(confirming.alias, note.trim())}
          onClose={() => setConfirming(null)}
          confirmTestId="rollback-confirm"
        >
          <div className="registry-form">
            <p className="move-statement" data-testid="rollback-statement">
              Alias <strong>{confirming.alias}</strong> moves back from <strong>{v(confirming.from)}</strong> to <strong>{v(confirming.to)}</strong>.
            </p>
            <label className="field">
              <span>Note</span>
              <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} placeholder="Why (optional)" data-autofocus data-testid="rollback-note" />
            </label>
          </div>
        </ConfirmDialog>
      )}
    </section>
  );
}

const rank = (alias: string) => ({ production: 0, staging: 1 })[alias] ?? 2;
