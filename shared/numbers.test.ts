import { describe, expect, it } from 'vitest';
import { float32Text } from './numbers';

describe('float32Text', () => {
  it('writes a float32 value with the fewest digits that read back as it', () => {
    expect(float32Text(Math.fround(0.3))).toBe('0.3');
    expect(float32Text(Math.fround(206855.81))).toBe('206855.81');
    expect(float32Text(Math.fround(1 / 3))).toBe('0.33333334');
    expect(float32Text(Math.fround(1e-7))).toBe('1e-7');
    for (const x of [Math.PI, 123456.789, 2.5e-12, -7.1]) expect(Math.fround(Number(float32Text(Math.fround(x))))).toBe(Math.fround(x));
  });

  it('keeps doubles, integers and non-finite values as JavaScript writes them', () => {
    expect(float32Text(0.1)).toBe('0.1');
    expect(float32Text(0.30000000000000004)).toBe('0.30000000000000004');
    expect(float32Text(42)).toBe('42');
    expect(float32Text(NaN)).toBe('NaN');
  });
});
