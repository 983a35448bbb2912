import { describe, expect, it } from 'vitest';
import { rowTop, rowWindow, scrollTopFor } from './row-window';

const H = 28;

describe('rowWindow', () => {
  it('is the plain window when the table fits', () => {
    const w = rowWindow(20_640, H, 15_000 * H, 560, 0);
    expect(w.scale).toBe(1);
    expect(w.bodyHeight).toBe(20_640 * H);
    expect(w.first).toBe(15_000);
    expect(w.last).toBe(15_020);
    expect(rowTop(w, 15_000, H)).toBe(15_000 * H);
  });

  it('reaches the first and the last of 5 million rows inside a capped body', () => {
    const total = 5_000_000, view = 560, cap = 15_000_000;
    const top = rowWindow(total, H, 0, view, 0, cap);
    expect(top.bodyHeight).toBe(cap);
    expect(top.first).toBe(0);
    expect(rowTop(top, 0, H)).toBe(0);
    const end = rowWindow(total, H, cap - view, view, 0, cap);
    expect(end.last).toBe(total - 1);
    // The last row's bottom lines up with the bottom of the view.
    expect(rowTop(end, total - 1, H) + H).toBeCloseTo(cap, 6);
    // Half way down the scrollbar is half way through the rows.
    const mid = rowWindow(total, H, (cap - view) / 2, view, 0, cap);
    expect(mid.first / total).toBeCloseTo(0.5, 3);
  });

  it('turns a full-table position back into a scroll position', () => {
    const w = rowWindow(5_000_000, H, 1_000_000, 560, 0, 15_000_000);
    const back = rowWindow(5_000_000, H, scrollTopFor(w, w.virtualTop + 20 * H), 560, 0, 15_000_000);
    expect(back.first).toBe(w.first + 20);
  });

  it('has nothing to show for an empty table', () => {
    const w = rowWindow(0, H, 0, 560);
    expect(w.last).toBeLessThan(w.first);
    expect(w.bodyHeight).toBe(0);
  });
});
