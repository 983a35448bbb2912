import { useRef, type KeyboardEvent } from 'react';
import type { PlanDto } from '../../../shared/automation/dto';
import { decisionWord, triggerWords } from './plan-words';
import { whenText } from './schedule-text';

interface Props {
  plans: PlanDto[];
  selected: string | null;
  onSelect(id: string): void;
}

/** Every plan: its champion, triggers, next run and last decision; arrows move, Enter opens. */
export function PlanList({ plans, selected, onSelect }: Props) {
  const body = useRef<HTMLTableSectionElement>(null);
  const onKey = (e: KeyboardEvent<HTMLTableRowElement>, i: number) => {
    const next = e.key === 'ArrowDown' ? i + 1 : e.key === 'ArrowUp' ? i - 1 : null;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(plans[i].id);
    } else if (next !== null && next >= 0 && next < plans.length) {
      e.preventDefault();
      onSelect(plans[next].id);
      (body.current?.children[next] as HTMLElement | undefined)?.focus();
    }
  };
  return (
    <table className="table plan-table" data-testid="plan-list" aria-label="Retraining plans">
      <thead>
        <tr>
          <th>Plan</th>
          <th>Champion</th>
          <th>Triggers</th>
          <th>Next run</th>
          <th>Last decision</th>
        </tr>
      </thead>
      <tbody ref={body}>
        {plans.map((p, i) => {
          const decision = decisionWord(p.lastRun);
          return (
            <tr
              key={p.id}
              tabIndex={p.id === selected || (!selected && i === 0) ? 0 : -1}
              aria-selected={p.id === selected}
              className={p.id === selected ? 'selected' : undefined}
              onClick={() => onSelect(p.id)}
              onKeyDown={(e) => onKey(e, i)}
              data-testid={`plan-row-${p.name}`}
            >
              <td>
                <span className="plan-name">{p.name}</span> {p.paused && <span className="badge badge-cancelled">paused</span>}
              </td>
              <td className="mono">
                {p.model}@{p.alias}
              </td>
              <td>{triggerWords(p.triggers)}</td>
              <td className="nowrap" data-testid="plan-next">
                {p.paused ? 'paused' : p.nextDueAt ? whenText(p.nextDueAt) : '–'}
              </td>
              <td>
                <span className={`badge decision-${decision.replace(' ', '-')}`} data-testid="plan-last-decision">
                  {decision}
                </span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
