import { describe, expect, it } from 'vitest';
import { elementCount, parseTensorText, placeholderText } from './onnx-inputs';

const t = (type: string, dims: (number | null)[]) => ({ name: 'x', type, dims });

describe('onnx input fields', () => {
  it('counts one row, batch dims as 1', () => {
    expect(elementCount([null, 3])).toBe(3);
    expect(elementCount([1, 2, 2])).toBe(4);
    expect(elementCount([null])).toBe(1);
  });

  it('parses numbers, refusing the wrong count or junk', () => {
    expect(parseTensorText(t('float', [null, 3]), '1, 2.5, -3')).toEqual({ values: [1, 2.5, -3] });
    expect(parseTensorText(t('float', [null, 3]), '1, 2')).toEqual({ error: 'x takes 3 values (shape [?, 3]), not 2.' });
    expect(parseTensorText(t('float', [null, 1]), 'abc')).toEqual({ error: 'x: “abc” is not a number.' });
    expect(parseTensorText(t('int64', [null, 1]), '1.5')).toEqual({ error: 'x takes whole numbers (int64).' });
    expect(parseTensorText(t('float', [null, 1]), '')).toEqual({ error: 'x needs 1 value.' });
  });

  it('keeps strings as typed and reads booleans', () => {
    expect(parseTensorText(t('string', [null, 2]), 'NEAR BAY, INLAND')).toEqual({ values: ['NEAR BAY', 'INLAND'] });
    expect(parseTensorText(t('string', [null, 1]), '')).toEqual({ values: [''] });
    expect(parseTensorText(t('bool', [2]), 'true, 0')).toEqual({ values: [true, false] });
  });

  it('starts fields with zeros of the right count', () => {
    expect(placeholderText(t('float', [null, 3]))).toBe('0, 0, 0');
    expect(placeholderText(t('string', [null, 1]))).toBe('');
  });
});
