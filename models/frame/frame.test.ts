import { describe, it, expect } from 'vitest';
import { makeFrame, numericColumn, stringColumn, takeRows, dropColumns, getColumn, isMissing } from './frame';

describe('frame', () => {
  const frame = makeFrame([
    numericColumn('x', [1, 2, NaN, 4]),
    stringColumn('c', ['a', null, 'b', 'a']),
  ]);

  it('takes rows by index in the given order', () => {
    const sub = takeRows(frame, [3, 0, 2]);
    expect(sub.rowCount).toBe(3);
    expect(Array.from(getColumn(sub, 'x').values as Float64Array)).toEqual([4, 1, NaN]);
    expect(getColumn(sub, 'c').values).toEqual(['a', 'a', 'b']);
  });

  it('rejects ragged columns, bad storage and out-of-range rows', () => {
    expect(() => makeFrame([numericColumn('a', [1, 2]), numericColumn('b', [1])])).toThrow();
    expect(() => makeFrame([{ name: 'a', type: 'float', values: ['1'] }])).toThrow();
    expect(() => takeRows(frame, [4])).toThrow();
  });

  it('reports missing values and drops columns', () => {
    expect(isMissing(getColumn(frame, 'x'), 2)).toBe(true);
    expect(isMissing(getColumn(frame, 'c'), 1)).toBe(true);
    expect(isMissing(getColumn(frame, 'c'), 0)).toBe(false);
    expect(dropColumns(frame, ['x']).columns.map((c) => c.name)).toEqual(['c']);
  });
});
