import { describe, it, expect } from 'vitest';
import { detectTask, encodeTarget } from './task';
import { numericColumn, stringColumn } from '../frame/frame';

describe('task detection', () => {
  it('detects binary, multiclass and regression targets', () => {
    expect(detectTask(stringColumn('t', ['yes', 'no', null, 'yes']))).toBe('binary');
    expect(detectTask(stringColumn('t', ['a', 'b', 'c']))).toBe('multiclass');
    expect(detectTask(numericColumn('t', [0, 1, 1, 0]))).toBe('binary');
    expect(detectTask(numericColumn('t', [1, 2, 3, 2, 1], 'integer'))).toBe('multiclass');
    expect(detectTask(numericColumn('t', Array.from({ length: 50 }, (_, i) => i)))).toBe('regression');
    expect(detectTask(numericColumn('t', [0.5, 1.5, 2.25]))).toBe('regression');
  });

  it('encodes classes in sorted order with NaN for missing', () => {
    const e = encodeTarget(stringColumn('t', ['b', 'a', null, 'b']), 'binary');
    expect(e.classes).toEqual(['a', 'b']);
    expect(Array.from(e.y)).toEqual([1, 0, NaN, 1]);
    const n = encodeTarget(numericColumn('t', [10, 2, 2]), 'binary');
    expect(n.classes).toEqual([2, 10]);
  });
});
