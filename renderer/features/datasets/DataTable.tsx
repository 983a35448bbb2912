import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ColumnDto, DatasetDetailDto } from '../../../shared/api/datasets-dto';
import { PAGE_SIZE, type Cell } from './rows-slice';
import { useDatasets } from './store';
import { ColumnHeader } from './ColumnHeader';
import { ColumnDialog } from './ColumnDialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { isNumericType } from './format';
import { rowTop, rowWindow, scrollTopFor } from './row-window';

const ROW_H = 28;
const HEAD_H = 36;
/** Wide enough for the header name and its badge, within reason. */
const widthOf = (c: ColumnDto) => Math.min(300, Math.max(130, c.name.length * 8.5 + 110));
const NUM_W = 84;
/** After a jump, pages are fetched once scrolling pauses this long, not for every page flown past. */
const FETCH_DEBOUNCE_MS = 90;

/**
 * Every row of a dataset, however many: rows and columns are both virtualized, rows arrive in
 * pages of 200 from the host as they come into view, and a capped page cache lives in the store.
 * Rows have one height, so their window is computed here (row-window.ts), which also lets
 * tables taller than a browser can lay out scroll a scaled body.
 */
export function DataTable({ detail }: { detail: DatasetDetailDto }) {
  const scroller = useRef<HTMLDivElement>(null);
  const total = useDatasets((s) => (s.rowsFor === detail.id && s.total !== null ? s.total : detail.rows));
  const pages = useDatasets((s) => (s.rowsFor === detail.id ? s.pages : undefined));
  const rowsError = useDatasets((s) => s.rowsError);
  const ensurePages = useDatasets((s) => s.ensurePages);
  const columns = detail.columnsDetail;
  const [editing, setEditing] = useState<ColumnDto | null>(null);
  const widths = useMemo(() => columns.map(widthOf), [columns]);

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
  }, [detail.id, firstPage, lastPage, total, ensurePages, cacheEmpty]);

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
      <ErrorBanner error={rowsError} />
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
            <ColumnHeader key={c.index} column={columns[c.index]} width={c.size} colIndex={c.index + 2} onEdit={setEditing} />
          ))}
        </div>
        <div className="dt-body" style={{ height: win.bodyHeight, width }}>
          {visibleRows.map((index) => {
            const row = pages?.[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE];
            return (
              <div
                key={index}
                className={`dt-row${index % 2 ? ' odd' : ''}`}
                role="row"
                aria-rowindex={index + 2}
                data-row={index + 1}
                style={{ transform: `translateY(${rowTop(win, index, ROW_H)}px)`, height: ROW_H, width }}
              >
                <div className="dt-num" role="rowheader" style={{ width: NUM_W }}>
                  {(index + 1).toLocaleString()}
                </div>
                <div style={{ width: leftPad, flex: 'none' }} />
                {visibleCols.map((c) => (
                  <DataCell key={c.index} value={row ? row[c.index] : undefined} numeric={isNumericType(columns[c.index].type)} width={c.size} />
                ))}
              </div>
            );
          })}
        </div>
      </div>
      {editing && <ColumnDialog column={editing} onClose={() => setEditing(null)} />}
    </div>
  );
}

/** `undefined`: the page is still on its way. */
function DataCell({ value, numeric, width }: { value: Cell | undefined; numeric: boolean; width: number }) {
  const cls = `dt-cell${numeric ? ' num' : ''}`;
  if (value === undefined) return <div className={`${cls} dt-loading`} role="gridcell" aria-busy="true" style={{ width }} />;
  if (value === null)
    return (
      <div className={`${cls} muted`} role="gridcell" aria-label="missing" style={{ width }}>
        —
      </div>
    );
  const text = String(value);
  return (
    <div className={cls} role="gridcell" title={text.length * 7.5 > width - 20 ? text : undefined} style={{ width }}>
      {text}
    </div>
  );
}
