import { describe, expect, it } from 'vitest';
import { targetTimeClusters } from './point-clusters';

const day = 86_400_000;
const jan = (d: number) => Date.UTC(2026, 0, d);

describe('targetTimeClusters', () => {
  it('puts the points of one series and time together, whichever origin forecast them', () => {
    // Two series, origins on Jan 1 and Jan 2, 3 steps each: times Jan 1–3 and Jan 2–4 overlap on two days.
    const series: number[] = [], origin: number[] = [], step: number[] = [];
    for (const s of [0, 1]) for (const o of [jan(1), jan(2)]) for (const h of [1, 2, 3]) { series.push(s); origin.push(o); step.push(h); }
    const { ids, count } = targetTimeClusters({ series, origin, step }, 'daily');
    expect(count).toBe(8); // 4 days × 2 series
    const time = (i: number) => origin[i] + (step[i] - 1) * day;
    for (let i = 0; i < ids.length; i++) {
      for (let j = 0; j < ids.length; j++) expect(ids[i] === ids[j]).toBe(series[i] === series[j] && time(i) === time(j));
    }
  });

  it('steps months on the calendar', () => {
    const { ids, count } = targetTimeClusters({ series: [0, 0, 0], origin: [Date.UTC(2026, 0, 31), Date.UTC(2026, 1, 28), Date.UTC(2026, 0, 31)], step: [2, 1, 3] }, 'monthly');
    expect(count).toBe(2);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
  });
});
