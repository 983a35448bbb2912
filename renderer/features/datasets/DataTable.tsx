import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ColumnDto, DatasetDetailDto } from '../../../shared/api/datasets-dto';
import { PAGE_SIZE, type Cell } from './rows-slice';
import { useDatasets } from './store';
import { ColumnHeader } from './ColumnHeader';
import { ColumnDialog } from './ColumnDialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { isNumericType } from './format';
import { rowTop, rowWindow, scrollTopFor } from './row-window';
import { useColumnWidths } from './useColumnWidths';
import { TableToolbar } from './TableToolbar';
import { IndexBuildNotice } from './IndexBuildNotice';
import { FilterDialog } from './FilterDialog';
import { CellDialog } from './CellDialog';
import { isFiltered, nextSort } from './table-view';
import './data-table.css';

const ROW_H = 28;
const HEAD_H = 36;
const NUM_W = 84;
/** After a jump, pages are fetched once scrolling pauses this long, not for every page flown past. */
const FETCH_DEBOUNCE_MS = 90;

/** Values of a column in the cached pages, for fitting its width. */
const FIT_SAMPLE = 2000;

/**
 * Every row of a dataset, however many: rows and columns are both virtualized, rows arrive in
 * pages of 200 from the host as they come into view, and a capped page cache lives in the store.
 * Rows have one height, so their window is computed here (row-window.ts), which also lets
 * tables taller than a browser can lay out scroll a scaled body. Sorting, filters and the
 * search are the host's (SQLite over the whole table); the table only shows the view's pages.
 */
export function DataTable({ detail }: { detail: DatasetDetailDto }) {
  const scroller = useRef<HTMLDivElement>(null);
  const mine = useDatasets((s) => s.rowsFor === detail.id);
  const viewTotal = useDatasets((s) => (s.rowsFor === detail.id ? s.total : null));
  const pages = useDatasets((s) => (s.rowsFor === detail.id ? s.pages : undefined));
  const rowIds = useDatasets((s) => (s.rowsFor === detail.id ? s.pageRowIds : undefined));
  const rowsError = useDatasets((s) => s.rowsError);
  const ensurePages = useDatasets((s) => s.ensurePages);
  const tableView = useDatasets((s) => s.view);
  const viewSeq = useDatasets((s) => s.viewSeq);
  const setSort = useDatasets((s) => s.setSort);
  const setFilter = useDatasets((s) => s.setFilter);
  const clearFilters = useDatasets((s) => s.clearFilters);
  const filtered = mine && isFiltered(tableView);
  const total = viewTotal ?? detail.rows;
  const columns = detail.columnsDetail;
  const [editing, setEditing] = useState<ColumnDto | null>(null);
  const [filtering, setFiltering] = useState<ColumnDto | null>(null);
  const [expanded, setExpanded] = useState<{ column: string; row: number; value: string } | null>(null);
  const fontOf = useCallback(() => (scroller.current ? getComputedStyle(scroller.current).font : '13px sans-serif'), []);
  const { widths, startResize, fit, nudge } = useColumnWidths(columns, fontOf);
  const fitColumn = (position: number) => {
    const values: string[] = [];
    for (const rows of Object.values(pages ?? {})) {
      for (const r of rows) if (r[position] !== null && values.length < FIT_SAMPLE) values.push(String(r[position]));
    }
    fit(position, values);
  };
  // A new view starts at its first row.
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [viewSeq]);

  const [view, setView] = useState({ top: 0, height: 600 });
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const read = () => setView({ top: el.scrollTop, height: Math.max(ROW_H, el.clientHeight - HEAD_H) });
    read();
    el.addEventListener('scroll', read, { passive: true });
    const resize = new ResizeObserver(read);
    resize.observe(el);
    return () => {
      el.removeEventListener('scroll', read);
      resize.disconnect();
    };
  }, []);
  const win = rowWindow(total, ROW_H, view.top, view.height);
  const scaleRef = useRef(win.scale);
  scaleRef.current = win.scale;
  // In a scaled body the wheel would fly past rows: move by the rows the wheel asked for instead.
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      const scale = scaleRef.current;
      if (scale === 1 || e.deltaY === 0 || e.ctrlKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) return;
      e.preventDefault();
      const px = e.deltaMode === 1 ? e.deltaY * ROW_H : e.deltaMode === 2 ? e.deltaY * el.clientHeight : e.deltaY;
      el.scrollTop += px * scale;
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);
  const cols = useVirtualizer({
    horizontal: true,
    count: columns.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => widths[i],
    overscan: 2,
    scrollMargin: NUM_W,
  });
  // A renamed or retyped column changes its width; drop the cached sizes.
  useEffect(() => cols.measure(), [widths, cols]);

  const visibleRows: number[] = [];
  for (let i = win.first; i <= win.last; i++) visibleRows.push(i);
  const firstPage = visibleRows.length ? Math.floor(win.first / PAGE_SIZE) : 0;
  const lastPage = visibleRows.length ? Math.floor(win.last / PAGE_SIZE) : 0;
  // Scrolling along (the window moved by a page or two): the pages in view and the next one in
  // the direction of travel are asked for at once, so rows are there when they scroll in. A jump
  // (scrollbar drag, End) waits for a short pause, so only where it stops is fetched.
  // After the cache is cleared (a column changed type) the same range must be fetched again.
  const cacheEmpty = useDatasets((s) => s.rowsFor !== detail.id || Object.keys(s.pages).length === 0);
  const lastFirstPage = useRef(firstPage);
  useEffect(() => {
    if (total === 0) return;
    const step = firstPage - lastFirstPage.current;
    lastFirstPage.current = firstPage;
    const wanted: number[] = [];
    for (let p = firstPage; p <= lastPage; p++) wanted.push(p);
    const ahead = step > 0 ? lastPage + 1 : step < 0 ? firstPage - 1 : -1;
    if (ahead >= 0 && ahead * PAGE_SIZE < total) wanted.push(ahead);
    if (Math.abs(step) <= 2) {
      ensurePages(detail.id, wanted);
      return;
    }
    const t = setTimeout(() => ensurePages(detail.id, wanted), FETCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [detail.id, firstPage, lastPage, total, ensurePages, cacheEmpty, viewSeq]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const el = e.currentTarget;
    if (e.target !== el) return;
    // Pages are counted in rows of the full table, so a scaled body moves by one screen of rows too.
    const pageH = Math.max(ROW_H, el.clientHeight - HEAD_H - ROW_H);
    const w = rowWindow(total, ROW_H, el.scrollTop, Math.max(ROW_H, el.clientHeight - HEAD_H));
    const to = { PageDown: scrollTopFor(w, w.virtualTop + pageH), PageUp: scrollTopFor(w, w.virtualTop - pageH), Home: 0, End: el.scrollHeight }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    el.scrollTop = to;
  };

  const visibleCols = cols.getVirtualItems();
  const leftPad = visibleCols.length ? visibleCols[0].start - NUM_W : 0;
  const width = NUM_W + cols.getTotalSize();

  return (
    <div className="data-table-wrap">
      <TableToolbar columns={columns} datasetRows={detail.rows} />
      <ErrorBanner error={rowsError} />
      <IndexBuildNotice />
      <div
        ref={scroller}
        className="data-table"
        tabIndex={0}
        role="grid"
        aria-label={`Rows of ${detail.name}; Page Up, Page Down, Home and End scroll`}
        aria-rowcount={total + 1}
        aria-colcount={columns.length + 1}
        onKeyDown={onKeyDown}
        data-testid="data-table"
      >
        <div className="dt-head" role="row" aria-rowindex={1} style={{ width, height: HEAD_H }}>
          <div className="dt-num dt-corner" role="columnheader" aria-colindex={1} style={{ width: NUM_W }}>
            #
          </div>
          <div style={{ width: leftPad, flex: 'none' }} />
          {visibleCols.map((c) => (
            <ColumnHeader
              key={c.index}
              column={columns[c.index]}
              width={c.size}
              colIndex={c.index + 2}
              sorted={mine && tableView.sort?.position === c.index ? tableView.sort.dir : null}
              filtered={mine && tableView.filters[c.index] !== undefined}
              onEdit={setEditing}
              onSort={(p) => setSort(nextSort(tableView, p))}
              onFilter={setFiltering}
              onResizeStart={startResize}
              onFit={fitColumn}
              onNudge={nudge}
            />
          ))}
        </div>
        <div className="dt-body" style={{ height: win.bodyHeight, width }}>
          {visibleRows.map((index) => {
            const row = pages?.[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE];
            const fileRow = rowIds?.[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE];
            return (
              <div
                key={index}
                className={`dt-row${index % 2 ? ' odd' : ''}`}
                role="row"
                aria-rowindex={index + 2}
                data-row={index + 1}
                style={{ transform: `translateY(${rowTop(win, index, ROW_H)}px)`, height: ROW_H, width }}
              >
                <div className="dt-num" role="rowheader" style={{ width: NUM_W }} title={fileRow !== undefined ? `Row ${fileRow.toLocaleString()} of the file` : undefined}>
                  {(fileRow ?? (filtered || tableView.sort ? null : index + 1))?.toLocaleString() ?? ''}
                </div>
                <div style={{ width: leftPad, flex: 'none' }} />
                {visibleCols.map((c) => (
                  <DataCell
                    key={c.index}
                    col={c.index}
                    value={row ? row[c.index] : undefined}
                    numeric={isNumericType(columns[c.index].type)}
                    width={c.size}
                    onExpand={(value) => setExpanded({ column: columns[c.index].name, row: fileRow ?? index + 1, value })}
                  />
                ))}
              </div>
            );
          })}
        </div>
      </div>
      {total === 0 && filtered && (
        <div className="dt-empty" role="status" data-testid="table-empty">
          <p>No rows match these filters.</p>
          <button type="button" onClick={clearFilters} data-testid="empty-clear-filters">
            Clear filters
          </button>
        </div>
      )}
      {editing && <ColumnDialog column={editing} onClose={() => setEditing(null)} />}
      {filtering && (
        <FilterDialog
          datasetId={detail.id}
          column={filtering}
          current={tableView.filters[filtering.position]}
          onApply={(f) => setFilter(filtering.position, f)}
          onClose={() => setFiltering(null)}
        />
      )}
      {expanded && <CellDialog {...expanded} onClose={() => setExpanded(null)} />}
    </div>
  );
}

/** A cell whose text needs about this many pixels more than it has can be opened in full. */
const CHAR_PX = 7.5;

/** `undefined`: the page is still on its way. Text too long for the column opens in full on a click. */
function DataCell({ col, value, numeric, width, onExpand }: { col: number; value: Cell | undefined; numeric: boolean; width: number; onExpand: (text: string) => void }) {
  const cls = `dt-cell${numeric ? ' num' : ''}`;
  if (value === undefined) return <div className={`${cls} dt-loading`} role="gridcell" aria-busy="true" style={{ width }} data-col={col} />;
  if (value === null)
    return (
      <div className={`${cls} muted`} role="gridcell" aria-label="missing" style={{ width }} data-col={col}>
        —
      </div>
    );
  const text = String(value);
  if (text.length * CHAR_PX <= width - 20 && !text.includes('\n')) {
    return (
      <div className={cls} role="gridcell" style={{ width }} data-col={col}>
        {text}
      </div>
    );
  }
  return (
    <div className={`${cls} dt-long`} role="gridcell" title="Click to see all of it" style={{ width }} data-col={col} onClick={() => onExpand(text)} data-testid="long-cell">
      {text}
    </div>
  );
}
