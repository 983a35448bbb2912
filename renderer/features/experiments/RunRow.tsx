import { memo, type CSSProperties } from 'react';
import type { RunSummaryDto } from '../../../shared/api/dto';
import type { ListItem, RunExtra } from './run-rows';
import { formatAgo, formatMetricOf, formatMs, shortId } from './format';
import { formatWhen } from '../../components/format';
import { headlineValue } from './run-columns';
import { useExperiments } from './store';

interface RowProps {
  run: RunSummaryDto;
  extra: RunExtra | undefined;
  style: CSSProperties;
  className: string;
  /** The table's metric columns (run-columns.ts). */
  metricKeys: string[];
  active: boolean;
  picked?: boolean;
  onToggle?: (id: string) => void;
  onOpen?: (id: string) => void;
}

/** Tags shown in a row; all of them are searchable and on the run's Notes tab. */
const MAX_ROW_TAGS = 3;

/** A metric column's cell: blank unless the metric headlines this run. */
const metric = (run: RunSummaryDto, key: string) => {
  const v = headlineValue(run, key);
  return (
    <span key={key} className="num mono" data-metric={key}>
      {v === undefined ? '' : formatMetricOf(key, v)}
    </span>
  );
};

/**
 * The tick of a row that also opens on click (Experiments). An option may hold no focusable control,
 * so the box is drawn for the mouse while the option itself carries aria-checked and Space ticks it.
 */
function Tick({ run, picked, onToggle }: { run: RunSummaryDto; picked: boolean; onToggle: (id: string) => void }) {
  return (
    <span
      className={`run-tick${picked ? ' ticked' : ''}`}
      onClick={(e) => (e.stopPropagation(), onToggle(run.id))}
      title={picked ? 'Untick (Space)' : 'Tick to compare (Space)'}
      aria-hidden
      data-testid={`tick-${run.id}`}
    >
      {picked ? '✓' : ''}
    </span>
  );
}

/** A stopped network run's way on: continue it from its last epoch without opening it. */
function ResumeButton({ run }: { run: RunSummaryDto }) {
  const resume = useExperiments((s) => s.resume);
  return (
    <button
      type="button"
      className="small run-row-resume"
      onClick={(e) => (e.stopPropagation(), void resume(run.id))}
      title={`Resume from the checkpoint after epoch ${run.resumeEpoch}`}
      data-testid={`run-resume-${run.id}`}
    >
      Resume
    </button>
  );
}

/** One run: its name (or family and id), status, task, headline metrics, duration, when. */
export const RunRow = memo(function RunRow({ run, extra, style, className, metricKeys, active, picked, onToggle, onOpen }: RowProps) {
  const duration = run.status === 'running' || run.status === 'queued' ? '…' : extra ? formatMs(extra.durationMs) : '';
  return (
    <div
      id={`runrow-${run.id}`}
      className={`${className} run-row${active ? ' active' : ''}`}
      style={style}
      role={onOpen ? 'option' : undefined}
      aria-selected={onOpen ? active : undefined}
      aria-checked={onOpen && onToggle ? (picked ?? false) : undefined}
      onClick={() => (onOpen ? onOpen(run.id) : onToggle?.(run.id))}
      data-testid={`run-${run.id}`}
      data-status={run.status}
      data-ticked={picked || undefined}
    >
      {onToggle && onOpen && <Tick run={run} picked={picked ?? false} onToggle={onToggle} />}
      {onToggle && !onOpen && (
        <span onClick={(e) => e.stopPropagation()}>
          <input type="checkbox" checked={picked ?? false} onChange={() => onToggle(run.id)} aria-label={`Select run ${run.name ?? shortId(run.id)}`} />
        </span>
      )}
      <span className="run-name" title={[run.name, run.family, shortId(run.id), ...run.tags].filter(Boolean).join(' · ')}>
        <span className="run-name-main">
          {run.name ? (
            <>
              <strong data-testid="row-run-name">{run.name}</strong> <span className="muted mono">{run.family} {shortId(run.id)}</span>
            </>
          ) : (
            <>
              <strong>{run.family ?? '—'}</strong> <span className="muted mono">{shortId(run.id)}</span>
            </>
          )}
        </span>
        {run.tags.slice(0, MAX_ROW_TAGS).map((t) => (
          <span key={t} className="tag run-row-tag">
            {t}
          </span>
        ))}
      </span>
      <span>
        <span className={`badge badge-${run.status}`}>{run.status}</span>
      </span>
      <span className="muted">{run.task ?? 'auto'}</span>
      {metricKeys.map((k) => metric(run, k))}
      <span className="num muted">{run.resumeEpoch != null ? <ResumeButton run={run} /> : duration}</span>
      <span className="num muted" title={formatWhen(run.createdAt)}>
        {formatAgo(run.createdAt)}
      </span>
    </div>
  );
});

export function GroupRow({ item, style, className }: { item: Extract<ListItem, { kind: 'group' }>; style: CSSProperties; className: string }) {
  return (
    <div className={`${className} run-group`} style={style} role="presentation">
      <span className="run-group-label">
        <strong>{item.label}</strong> <span aria-hidden>→</span> <span className="mono">{item.target}</span>
        <span className="muted"> · {item.count.toLocaleString()} run{item.count === 1 ? '' : 's'}</span>
      </span>
    </div>
  );
}

