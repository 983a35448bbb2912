import type { KeyboardEvent } from 'react';
import { useModels } from './store';
import { v } from './registry';

/** The named models, most recently changed first as the host lists them; arrow keys move the selection. */
export function ModelList() {
  const models = useModels((s) => s.list);
  const selected = useModels((s) => s.selected);
  const select = useModels((s) => s.select);

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const i = models.findIndex((m) => m.name === selected);
    const to = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: models.length - 1 }[e.key];
    if (to === undefined || !models[to]) return;
    e.preventDefault();
    select(models[to].name);
    e.currentTarget.querySelectorAll<HTMLElement>('[role="option"]')[to]?.focus();
  };

  return (
    <div className="dataset-list-wrap">
      <ul className="dataset-list" role="listbox" aria-label="Models" onKeyDown={onKeyDown} data-testid="models-list">
        {models.map((m, i) => {
          const active = m.name === selected;
          const aliases = Object.entries(m.aliases);
          return (
            <li
              key={m.name}
              role="option"
              aria-selected={active}
              tabIndex={active || (!selected && i === 0) ? 0 : -1}
              className={`dataset-item${active ? ' active' : ''}`}
              onClick={() => select(m.name)}
              onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), select(m.name))}
              data-testid={`model-${m.name}`}
            >
              <span className="dataset-item-name">{m.name}</span>
              <span className="muted dataset-item-meta">
                {v(m.latestVersion)} · {m.versions} version{m.versions === 1 ? '' : 's'}
              </span>
              {aliases.length > 0 && (
                <span className="alias-chips">
                  {aliases.map(([a, ver]) => (
                    <span key={a} className={`alias-chip alias-${a}`} title={`${a} → ${v(ver)}`}>
                      {a} {v(ver)}
                    </span>
                  ))}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
