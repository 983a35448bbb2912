import { useMemo, useState } from 'react';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import { EChart } from '../../charts/EChart';
import { coefficientOption, importanceOption } from './importance-charts';
import { importanceViews, isTextImportance, TEXT_NOTE, type ImportanceViewId } from './importance-views';

/** Bars drawn at most; the caption says when there are more. */
const TOP = 30;

/** The run's importance: permutation by default, gain and coefficients beside it when the family has them. */
export function ImportanceTab({ run }: { run: RunDetailDto }) {
  const r = run.report;
  const views = useMemo(() => (r ? importanceViews(r) : []), [r]);
  const [chosen, setChosen] = useState<ImportanceViewId | null>(null);
  const view = views.find((v) => v.id === chosen) ?? views[0];
  const total = !view ? 0 : view.kind === 'bars' ? view.items.length : view.rows.length;
  const option = useMemo(() => {
    if (!view) return null;
    if (view.kind === 'coefficients') return coefficientOption(view.rows.slice(0, TOP), view.format);
    const top = [...view.items].sort((a, b) => b.importance - a.importance).slice(0, TOP);
    return importanceOption(top, view.axis, view.format);
  }, [view]);
  if (!r || !view || !option || total === 0) return <p className="muted">No feature importance for this run.</p>;
  const shown = Math.min(total, TOP);
  return (
    <div>
      {isTextImportance(r) && <p className="small-note muted" data-testid="run-importance-text-note">{TEXT_NOTE}</p>}
      <div className="small-note" data-testid="run-importance-kind">
        {views.length > 1 ? (
          <span className="view-switch" role="group" aria-label="Importance view">
            {views.map((v) => (
              <button
                key={v.id}
                type="button"
                className="small"
                aria-pressed={v.id === view.id}
                onClick={() => setChosen(v.id)}
                data-testid={`importance-view-${v.id}`}
              >
                {v.label}
              </button>
            ))}
          </span>
        ) : (
          <span className="kind-chip">{view.label}</span>
        )}{' '}
        <span className="muted" data-testid="run-importance-caption">
          {view.caption}
          {total > shown && ` Top ${shown} of ${total.toLocaleString('en-US')}.`}
        </span>
      </div>
      <EChart option={option} height={Math.max(160, 40 + shown * 24)} testId="run-importance" notMerge />
    </div>
  );
}
