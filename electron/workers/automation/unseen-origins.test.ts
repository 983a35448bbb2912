import { describe, expect, it } from 'vitest';
import { unseenOrigins } from './unseen-origins';

/** Backtest points as a forecast run stores them: per series, origins one step apart, `h` steps each. */
function points(spec: { id: string; origins: number[] }[], h: number) {
  const out = { seriesIds: spec.map((s) => s.id), series: [] as number[], origin: [] as number[], step: [] as number[] };
  spec.forEach((s, k) => {
    for (const o of s.origins) {
      for (let j = 1; j <= h; j++) {
        out.series.push(k);
        out.origin.push(o);
        out.step.push(j);
      }
    }
  });
  return out;
}

describe('unseenOrigins', () => {
  it('keeps every origin at or after the champion’s end with all its steps, and drops the earlier ones', () => {
    const p = points([{ id: '', origins: [8, 9, 10, 11, 12] }], 3);
    const { series, unknown, tooEarly } = unseenOrigins(p, () => 10);
    expect([...series.get('')!.keys()]).toEqual([10, 11, 12]);
    // Indices into the stored points: origin 10 is the third origin, so its rows are 6, 7, 8.
    expect(series.get('')!.get(10)).toEqual([6, 7, 8]);
    expect([...series.get('')!.values()].flat().map((i) => p.origin[i])).toEqual([10, 10, 10, 11, 11, 11, 12, 12, 12]);
    expect(unknown).toEqual([]);
    expect(tooEarly).toEqual([]);
  });

  it('names the series whose newest origin is before the champion’s end, and the series the champion does not know', () => {
    const p = points([{ id: 'a', origins: [3, 4] }, { id: 'b', origins: [7, 8] }, { id: 'c', origins: [7, 8] }], 2);
    const end: Record<string, number> = { a: 5, b: 5 };
    const { series, unknown, tooEarly } = unseenOrigins(p, (id) => end[id]);
    expect([...series.keys()]).toEqual(['b']);
    expect([...series.get('b')!.keys()]).toEqual([7, 8]);
    expect(unknown).toEqual(['c']);
    expect(tooEarly).toEqual([{ id: 'a', newest: 4, end: 5 }]);
  });

  it('judges each series against its own end: a longer champion series leaves fewer origins', () => {
    const p = points([{ id: 'a', origins: [5, 6, 7] }, { id: 'b', origins: [5, 6, 7] }], 1);
    const end: Record<string, number> = { a: 5, b: 7 };
    const { series } = unseenOrigins(p, (id) => end[id]);
    expect([...series.get('a')!.keys()]).toEqual([5, 6, 7]);
    expect([...series.get('b')!.keys()]).toEqual([7]);
  });
});
