import { useEffect, useMemo, useRef, type CSSProperties, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { RunSummaryDto } from '../../../shared/api/dto';
import { useExperiments } from './store';
import { buildItems, type ListItem, type SortKey } from './run-rows';
import { RunRow, GroupRow } from './RunRow';
import { RunsToolbar } from './RunsToolbar';
import { columnLabel, gridColumns, metricColumns } from './run-columns';
import { LOWER_IS_BETTER, metricLabel } from './format';
import './runs.css';

interface Props {
  runs: RunSummaryDto[];
  /** Runs ticked to compare: checkboxes in Compare; ticks (Space) beside the open run in Experiments. */
  selected?: Set<string>;
  onToggle?: (id: string) => void;
  /** Experiments: the open run, and how to open another. */
  activeId?: string | null;
  onOpen?: (id: string) => void;
}

const ROW_H = 36;
const GROUP_H = 32;
/** Details (duration, params) are read once scrolling pauses this long. */
const EXTRAS_DEBOUNCE_MS = 120;

interface Column {
  key: SortKey | null;
  label: string;
  /** The full name, where the label is short (P@10 → Precision@10). */
  title?: string;
  num?: boolean;
  metric?: boolean;
}

/** Run, status and task; the metric columns of the tasks in view; duration and when. */
function columnsFor(metricKeys: string[]): Column[] {
  return [
    { key: null, label: 'Run' },
    { key: null, label: 'Status' },
    { key: null, label: 'Task' },
    ...metricKeys.map((k) => ({ key: k, label: columnLabel(k), title: `${metricLabel(k)}, ${LOWER_IS_BETTER.has(k) ? 'lower' : 'higher'} is better`, num: true, metric: true })),
    { key: 'duration', label: 'Duration', num: true },
    { key: 'created', label: 'Created', num: true },
  ];
}

/**
 * Runs grouped by dataset and target, with headline metrics; virtualized, so ten thousand runs
 * scroll as smoothly as ten. Used by Experiments (open a run) and Compare (pick runs).
 */
export function RunsTable({ runs, selected, onToggle, activeId, onOpen }: Props) {
  const query = useExperiments((s) => s.query);
  const sort = useExperiments((s) => s.sort);
  const setSort = useExperiments((s) => s.setSort);
  const datasets = useExperiments((s) => s.datasets);
  const extras = useExperiments((s) => s.extras);
  const ensureExtras = useExperiments((s) => s.ensureExtras);
  const scroller = useRef<HTMLDivElement>(null);

  const datasetNames = useMemo(() => Object.fromEntries(datasets.map((d) => [d.id, d.name])), [datasets]);
  // Params are searched once known: only re-filter on new extras while a query is typed.
  const searchExtras = query ? extras : EMPTY;
  const items = useMemo(() => buildItems(runs, { query, sort, datasetNames, extras: searchExtras }), [runs, query, sort, datasetNames, searchExtras]);
  const shown = useMemo(() => items.reduce((n, it) => n + (it.kind === 'run' ? 1 : 0), 0), [items]);
  // The columns follow the runs in view; a search that matches nothing keeps those of every run.
  const metricKeys = useMemo(() => {
    const inView = metricColumns(items.flatMap((it) => (it.kind === 'run' ? [it.run] : [])));
    return inView.length > 0 || shown > 0 ? inView : metricColumns(runs);
  }, [items, shown, runs]);
  const columns = useMemo(() => columnsFor(metricKeys), [metricKeys]);
  const grid = gridColumns(metricKeys.length, Boolean(onToggle));

  const list = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (items[i].kind === 'group' ? GROUP_H : ROW_H),
    overscan: 10,
    getItemKey: (i) => (items[i].kind === 'group' ? `g:${(items[i] as { key: string }).key}` : (items[i] as { run: RunSummaryDto }).run.id),
  });
  const visible = list.getVirtualItems();
  const first = visible[0]?.index ?? 0;
  const last = visible[visible.length - 1]?.index ?? -1;

  useEffect(() => {
    const t = setTimeout(() => {
      const ids: string[] = [];
      for (let i = first; i <= last; i++) {
        const it = items[i];
        if (it?.kind === 'run' && it.run.status !== 'running') ids.push(it.run.id);
      }
      ensureExtras(ids);
    }, EXTRAS_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [first, last, items, ensureExtras]);

  const activeIndex = activeId ? items.findIndex((it) => it.kind === 'run' && it.run.id === activeId) : -1;
  useEffect(() => {
    if (activeIndex >= 0) list.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, list]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!onOpen || e.target !== e.currentTarget) return;
    if (e.key === ' ' && onToggle && activeId) {
      e.preventDefault();
      onToggle(activeId);
      return;
    }
    const runIdx = (from: number, dir: 1 | -1) => {
      for (let i = from; i >= 0 && i < items.length; i += dir) if (items[i].kind === 'run') return i;
      return -1;
    };
    const to = {
      ArrowDown: runIdx(activeIndex + 1, 1),
      ArrowUp: runIdx(Math.max(0, activeIndex - 1), -1),
      Home: runIdx(0, 1),
      End: runIdx(items.length - 1, -1),
    }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const it = items[to] as Extract<ListItem, { kind: 'run' }> | undefined;
    if (it) onOpen(it.run.id);
  };

  // A new sort key starts best first: lower for errors and durations, higher for scores and dates.
  const toggleSort = (key: SortKey) => setSort({ key, desc: sort.key === key ? !sort.desc : !(LOWER_IS_BETTER.has(key) || key === 'duration') });
  const cls = `runs-grid${onToggle ? ' with-pick' : ''}`;

  return (
    <div className="runs-table-wrap" style={{ '--runs-cols': grid.template, '--runs-min-width': `${grid.minWidth}px` } as CSSProperties}>
      <RunsToolbar shown={shown} total={runs.length} ticked={onOpen ? selected : undefined} />
      <div className="runs-hscroll">
        <div className={`${cls} runs-head`} role="presentation">
          {onToggle && <span />}
          {columns.map((c) =>
            c.key ? (
              <button
                key={c.key}
                type="button"
                className={`runs-sort${c.num ? ' num' : ''}${c.metric ? ' metric' : ''}${sort.key === c.key ? ' active' : ''}`}
                onClick={() => toggleSort(c.key!)}
                aria-label={`Sort by ${c.label}${c.title ? ` (${c.title})` : ''}`}
                aria-pressed={sort.key === c.key}
                title={c.title}
                data-testid={`sort-${c.key}`}
              >
                {c.label}
                <span aria-hidden>{sort.key === c.key ? (sort.desc ? ' ↓' : ' ↑') : ''}</span>
              </button>
            ) : (
              <span key={c.label}>{c.label}</span>
            ),
          )}
        </div>
        <div
          ref={scroller}
          className="runs-scroll"
          tabIndex={0}
          role={onOpen ? 'listbox' : undefined}
          aria-label={onOpen ? `Runs; arrow keys move between runs${onToggle ? ', Space ticks one to compare' : ''}` : 'Runs'}
          aria-activedescendant={onOpen && activeId && activeIndex >= 0 ? `runrow-${activeId}` : undefined}
          onKeyDown={onKeyDown}
          data-testid="runs-table"
        >
          {items.length === 0 && <p className="muted runs-none">No run matches “{query}”.</p>}
          <div style={{ height: list.getTotalSize(), position: 'relative' }}>
            {visible.map((v) => {
              const it = items[v.index];
              const style = { transform: `translateY(${v.start}px)`, height: v.size };
              return it.kind === 'group' ? (
                <GroupRow key={v.key} item={it} style={style} className={cls} />
              ) : (
                <RunRow
                  key={v.key}
                  run={it.run}
                  extra={extras[it.run.id]}
                  style={style}
                  className={cls}
                  metricKeys={metricKeys}
                  active={it.run.id === activeId}
                  picked={selected?.has(it.run.id)}
                  onToggle={onToggle}
                  onOpen={onOpen}
                />
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}

const EMPTY = {};
