import { describe, expect, it } from 'vitest';
import { withWheelPolicy, zoomsWithCtrlWheel } from './wheel-zoom';

describe('chart wheel policy', () => {
  it('makes inside zooms wait for Ctrl, and never move on the wheel', () => {
    const out = withWheelPolicy({ dataZoom: [{ type: 'inside', startValue: 3 }, { type: 'slider', bottom: 12 }] as object[] });
    expect(out.dataZoom).toEqual([
      { type: 'inside', startValue: 3, zoomOnMouseWheel: 'ctrl', moveOnMouseWheel: false },
      { type: 'slider', bottom: 12 },
    ]);
    expect(zoomsWithCtrlWheel(out)).toBe(true);
  });

  it('takes a single dataZoom object too', () => {
    expect(withWheelPolicy({ dataZoom: { type: 'inside' } }).dataZoom).toEqual({ type: 'inside', zoomOnMouseWheel: 'ctrl', moveOnMouseWheel: false });
  });

  it('keeps a chart’s own wheel settings', () => {
    const out = withWheelPolicy({ dataZoom: [{ type: 'inside', zoomOnMouseWheel: true }] });
    expect(out.dataZoom).toEqual([{ type: 'inside', zoomOnMouseWheel: true, moveOnMouseWheel: false }]);
    expect(zoomsWithCtrlWheel(out)).toBe(false);
  });

  it('leaves charts without zoom untouched', () => {
    const option = { series: [] };
    expect(withWheelPolicy(option)).toBe(option);
    expect(zoomsWithCtrlWheel(option)).toBe(false);
  });
});
