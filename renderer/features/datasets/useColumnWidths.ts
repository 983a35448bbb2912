import { useCallback, useMemo, useState, type PointerEvent } from 'react';
import type { ColumnDto } from '../../../shared/api/datasets-dto';

export const MIN_COL_W = 60;
export const MAX_COL_W = 800;
const clamp = (w: number) => Math.round(Math.min(MAX_COL_W, Math.max(MIN_COL_W, w)));

/** Wide enough for the header name and its buttons, within reason. */
export const defaultWidth = (c: ColumnDto) => Math.min(330, Math.max(150, c.name.length * 8.5 + 150));

let canvas: HTMLCanvasElement | null = null;
/** Text width in the table's font, measured once per call on a shared canvas. */
function textWidth(texts: string[], font: string): number {
  canvas ??= document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) return Math.max(0, ...texts.map((t) => t.length * 7.5));
  ctx.font = font;
  return Math.max(0, ...texts.map((t) => ctx.measureText(t).width));
}

/**
 * Column widths the user set by dragging a header's edge (or double-clicking it to fit the
 * values loaded so far); the rest keep their default.
 */
export function useColumnWidths(columns: ColumnDto[], fontOf: () => string) {
  const [set, setSet] = useState<Record<number, number>>({});
  const widths = useMemo(() => columns.map((c) => set[c.position] ?? defaultWidth(c)), [columns, set]);

  const startResize = useCallback(
    (position: number, e: PointerEvent<HTMLElement>) => {
      e.preventDefault();
      e.stopPropagation();
      const handle = e.currentTarget;
      handle.setPointerCapture(e.pointerId);
      const x0 = e.clientX;
      const w0 = widths[position];
      const move = (ev: globalThis.PointerEvent) => setSet((s) => ({ ...s, [position]: clamp(w0 + ev.clientX - x0) }));
      const up = () => {
        handle.removeEventListener('pointermove', move);
        handle.removeEventListener('pointerup', up);
        handle.removeEventListener('pointercancel', up);
      };
      handle.addEventListener('pointermove', move);
      handle.addEventListener('pointerup', up);
      handle.addEventListener('pointercancel', up);
    },
    [widths],
  );

  /** Fits a column to its header and the given (loaded) values. */
  const fit = useCallback(
    (position: number, values: string[]) => {
      const header = columns[position].name;
      // Cell padding (20) and, for the header, its sort, filter and menu buttons and type badge (~110).
      const w = Math.max(textWidth(values, fontOf()) + 24, textWidth([header], `600 ${fontOf()}`) + 120);
      setSet((s) => ({ ...s, [position]: clamp(w) }));
    },
    [columns, fontOf],
  );

  /** Arrow keys on a focused edge resize by 16 px. */
  const nudge = useCallback((position: number, by: number) => setSet((s) => ({ ...s, [position]: clamp((s[position] ?? widths[position]) + by) })), [widths]);

  return { widths, startResize, fit, nudge };
}
