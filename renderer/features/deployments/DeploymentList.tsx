import type { KeyboardEvent } from 'react';
import { useDeployments } from './store';
import { formatWhen } from '../../components/format';

/** Imported deployments, newest first; arrow keys move the selection. */
export function DeploymentList() {
  const list = useDeployments((s) => s.list);
  const selected = useDeployments((s) => s.selected);
  const select = useDeployments((s) => s.select);

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const i = list.findIndex((d) => d.id === selected);
    const to = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: list.length - 1 }[e.key];
    if (to === undefined || !list[to]) return;
    e.preventDefault();
    select(list[to].id);
    e.currentTarget.querySelectorAll<HTMLElement>('[role="option"]')[to]?.focus();
  };

  return (
    <div className="dataset-list-wrap">
      <ul className="dataset-list" role="listbox" aria-label="Deployments" onKeyDown={onKeyDown} data-testid="deployments-list">
        {list.map((d, i) => {
          const active = d.id === selected;
          return (
            <li
              key={d.id}
              role="option"
              aria-selected={active}
              tabIndex={active || (!selected && i === 0) ? 0 : -1}
              className={`dataset-item${active ? ' active' : ''}`}
              onClick={() => select(d.id)}
              onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), select(d.id))}
              data-testid={`deployment-${d.name}`}
            >
              <span className="dataset-item-name">{d.name}</span>
              <span className="muted dataset-item-meta">
                {d.policy} · {d.versions.join(' → ')} · {d.startedAt ? formatWhen(d.startedAt) : 'no requests'}
              </span>
              <span className={`badge deploy-outcome outcome-${d.outcome}`}>{d.outcome}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
