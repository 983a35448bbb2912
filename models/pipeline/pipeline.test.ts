import { describe, it, expect } from 'vitest';
import { makeFrame, numericColumn, stringColumn } from '../frame/frame';
import { fitPipeline, Pipeline, OTHER } from './pipeline';
import { datePart } from './dateParts';
import { tokenize } from './tfidf';

// Rows 0-3 are "train", rows 4-7 "test" with very different statistics.
const frame = makeFrame([
  numericColumn('x', [1, 2, 3, NaN, 1000, 2000, 3000, 4000]),
  stringColumn('c', ['a', 'a', 'b', null, 'z', 'z', 'z', 'a']),
  numericColumn('d', [Date.UTC(2020, 0, 1), Date.UTC(2020, 5, 15), NaN, Date.UTC(2021, 11, 31), 0, 0, 0, 0], 'date'),
  stringColumn('t', ['red apple', 'green apple', 'red car', null, 'zebra zebra', 'zebra', 'zebra', 'zebra'], 'text'),
]);
const train = [0, 1, 2, 3];

describe('pipeline', () => {
  it('fits statistics on training rows only (no leakage)', () => {
    const p = fitPipeline(frame, train, ['x', 'c', 't'], { textMinDf: 1 });
    const json = p.toJSON();
    const x = json.steps.find((s) => s.column === 'x');
    const c = json.steps.find((s) => s.column === 'c');
    const t = json.steps.find((s) => s.column === 't');
    expect(x?.kind === 'numeric' && x.fill).toBe(2);
    expect(x?.kind === 'numeric' && x.mean).toBe(2);
    expect(c?.kind === 'categorical' && c.categories).toEqual(['a', 'b']);
    expect(t?.kind === 'text' && t.tfidf.vocabulary).not.toContain('zebra');
    expect(p.featureNames).toEqual(['x', 'c=a', 'c=b', `c=${OTHER}`, 't:apple', 't:red', 't:car', 't:green']);
  });

  it('imputes, standardises, one-hot encodes and handles unseen categories', () => {
    const p = fitPipeline(frame, train, ['x', 'c'], { missingIndicators: true });
    expect(p.featureNames).toEqual(['x', 'x__missing', 'c=a', 'c=b', `c=${OTHER}`, 'c__missing']);
    const m = p.transform(frame);
    const row = (r: number) => Array.from(m.data.slice(r * m.cols, (r + 1) * m.cols));
    const sd = Math.sqrt(2 / 3);
    expect(row(0)[0]).toBeCloseTo(-1 / sd, 5);
    expect(row(3)).toEqual([0, 1, 1, 0, 0, 1]); // median fill is the mean here -> 0; mode 'a'
    expect(row(4).slice(2)).toEqual([0, 0, 1, 0]); // unseen 'z' -> other
  });

  it('tree mode keeps NaN and uses ordinal codes flagged as categorical', () => {
    const p = fitPipeline(frame, train, ['x', 'c'], { treeMode: true, missingIndicators: true });
    expect(p.featureNames).toEqual(['x', 'c']);
    expect(p.categoryCounts).toEqual([0, 2]);
    const m = p.transform(frame);
    expect(Number.isNaN(m.data[3 * 2])).toBe(true);
    expect(m.data[2 * 2 + 1]).toBe(1);
    expect(Number.isNaN(m.data[3 * 2 + 1])).toBe(true); // missing
    expect(Number.isNaN(m.data[4 * 2 + 1])).toBe(true); // unseen, no other slot
    expect(m.data[4 * 2]).toBe(1000);
  });

  it('extracts UTC date parts', () => {
    const ms = Date.UTC(2021, 2, 1, 13);
    expect(datePart(ms, 'year')).toBe(2021);
    expect(datePart(ms, 'month')).toBe(3);
    expect(datePart(ms, 'day')).toBe(1);
    expect(datePart(ms, 'dayOfWeek')).toBe(1);
    expect(datePart(ms, 'dayOfYear')).toBe(60);
    expect(datePart(ms, 'hour')).toBe(13);
    const p = fitPipeline(frame, train, ['d'], { dateParts: ['year', 'month'], standardize: false });
    const m = p.transform(frame);
    expect(Array.from(m.data.slice(0, 6))).toEqual([2020, 1, 2020, 6, 2020, 6]); // NaN -> medians
  });

  it('tokenizes and L2-normalises tf-idf rows', () => {
    expect(tokenize('Hello, WORLD a 42!')).toEqual(['hello', 'world', '42']);
    const p = fitPipeline(frame, train, ['t'], { textMinDf: 1 });
    const m = p.transform(frame);
    for (const r of [0, 1, 2]) {
      let n = 0;
      for (let j = 0; j < m.cols; j++) n += m.data[r * m.cols + j] ** 2;
      expect(n).toBeCloseTo(1, 5);
    }
    expect(Array.from(m.data.slice(4 * m.cols, 5 * m.cols)).every((v) => v === 0)).toBe(true);
  });

  it('round-trips through JSON', () => {
    const p = fitPipeline(frame, train, ['x', 'c', 'd', 't'], { missingIndicators: true, textMinDf: 1 });
    const q = Pipeline.fromJSON(JSON.parse(JSON.stringify(p.toJSON())));
    expect(Array.from(q.transform(frame).data)).toEqual(Array.from(p.transform(frame).data));
    expect(q.featureNames).toEqual(p.featureNames);
  });
});
