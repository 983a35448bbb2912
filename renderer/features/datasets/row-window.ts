/**
 * Which rows of a fixed-height table are in view, for tables taller than a browser can lay out.
 * Browsers cap an element's height (Chromium ~33.5M px, Firefox ~17.9M px): at 28 px a row,
 * 1.2M rows would not fit. Past MAX_BODY_PX the body keeps that height and the scroll position
 * maps proportionally onto the full table; rows are placed relative to the viewport.
 */
export const MAX_BODY_PX = 15_000_000;

export interface RowWindow {
  /** Height of the scrolling body element. */
  bodyHeight: number;
  /** First and last row to render (inclusive), overscan included; last < first when there are none. */
  first: number;
  last: number;
  /** The scroll position (clamped to the body) and where it is in the full table, in pixels. */
  top: number;
  virtualTop: number;
  /** Body pixels per full-table pixel scrolled (1 when unscaled). */
  scale: number;
}

export function rowWindow(total: number, rowH: number, scrollTop: number, viewH: number, overscan = 12, maxBody = MAX_BODY_PX): RowWindow {
  const full = total * rowH;
  const bodyHeight = Math.min(full, maxBody);
  const maxScroll = Math.max(0, bodyHeight - viewH);
  const maxVirtual = Math.max(0, full - viewH);
  const top = Math.min(Math.max(0, scrollTop), maxScroll);
  const scale = maxScroll > 0 && maxVirtual > 0 ? maxScroll / maxVirtual : 1;
  const virtualTop = maxScroll > 0 ? top / scale : 0;
  const first = Math.max(0, Math.floor(virtualTop / rowH) - overscan);
  const last = Math.min(total - 1, Math.ceil((virtualTop + viewH) / rowH) + overscan);
  return { bodyHeight, first, last, top, virtualTop, scale };
}

/** The row's top inside the body, for the current scroll position. */
export function rowTop(w: RowWindow, index: number, rowH: number): number {
  return w.top + index * rowH - w.virtualTop;
}

/** The body scroll position that shows `virtualTop` of the full table. */
export function scrollTopFor(w: RowWindow, virtualTop: number): number {
  return Math.max(0, virtualTop) * w.scale;
}
