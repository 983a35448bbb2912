/**
 * Charts must not take the mouse wheel from the page: an echarts "inside" dataZoom zooms on a
 * plain wheel by default, which traps the scroll of a page full of charts. Here it zooms only with
 * Ctrl held (a trackpad pinch sends that too); the wheel alone scrolls the page. A chart that
 * states its own wheel settings keeps them.
 */

type Zoom = Record<string, unknown>;

export const WHEEL_ZOOM_KEY = 'ctrl';

const calm = (z: unknown): unknown =>
  z && typeof z === 'object' && (z as Zoom).type === 'inside' ? { zoomOnMouseWheel: WHEEL_ZOOM_KEY, moveOnMouseWheel: false, ...(z as Zoom) } : z;

/** The option with every inside dataZoom asking for Ctrl to zoom on the wheel. */
export function withWheelPolicy<T extends object>(option: T): T {
  const dz = (option as { dataZoom?: unknown }).dataZoom;
  if (dz === undefined) return option;
  return { ...option, dataZoom: Array.isArray(dz) ? dz.map(calm) : calm(dz) };
}

/** Whether some inside dataZoom zooms with the Ctrl wheel (so a hint is worth showing). */
export function zoomsWithCtrlWheel(option: object): boolean {
  const dz = (option as { dataZoom?: unknown }).dataZoom;
  const list = Array.isArray(dz) ? dz : dz ? [dz] : [];
  return list.some((z) => z && typeof z === 'object' && (z as Zoom).type === 'inside' && (z as Zoom).zoomOnMouseWheel === WHEEL_ZOOM_KEY);
}
