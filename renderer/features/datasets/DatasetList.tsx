import type { KeyboardEvent } from 'react';
import { useDatasets } from './store';
import { formatCount } from '../../components/format';

/** The datasets, newest first as the host lists them; arrow keys move the selection. */
export function DatasetList() {
  const items = useDatasets((s) => s.items);
  const selectedId = useDatasets((s) => s.selectedId);
  const select = useDatasets((s) => s.select);

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const i = items.findIndex((d) => d.id === selectedId);
    const to = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: items.length - 1 }[e.key];
    if (to === undefined || !items[to]) return;
    e.preventDefault();
    select(items[to].id);
    e.currentTarget.querySelector<HTMLElement>(`[data-testid="dataset-${items[to].id}"]`)?.focus();
  };

  return (
    <div className="dataset-list-wrap">
      <ul className="dataset-list" data-testid="datasets-list" role="listbox" aria-label="Datasets" onKeyDown={onKeyDown}>
        {items.map((d) => {
          const active = d.id === selectedId;
          return (
            <li
              key={d.id}
              role="option"
              aria-selected={active}
              tabIndex={active || (!selectedId && d === items[0]) ? 0 : -1}
              className={`dataset-item${active ? ' active' : ''}`}
              onClick={() => select(d.id)}
              onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), select(d.id))}
              data-testid={`dataset-${d.id}`}
            >
              <span className="dataset-item-name">{d.name}</span>
              <span className="muted dataset-item-meta">
                {formatCount(d.rows, 'row')} · {formatCount(d.columns, 'col')} · {d.format}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
