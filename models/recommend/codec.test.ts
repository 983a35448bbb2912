import { describe, expect, it } from 'vitest';
import { decodeF32, decodeF64, encodeF32, encodeF64 } from './codec';
import { mulberry32 } from '../split/prng';

describe('codec', () => {
  it('writes standard padded base64 of the little-endian bytes, for every length remainder', () => {
    const rand = mulberry32(3);
    for (const n of [0, 1, 2, 3, 5, 8, 1001]) {
      const a = Float32Array.from({ length: n }, () => (rand() - 0.5) * 1e6);
      const bytes = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
      expect(encodeF32(a)).toBe(bytes.toString('base64'));
      // A view that starts inside its buffer encodes only its own bytes.
      const view = a.subarray(1);
      if (n > 1) expect(encodeF32(view)).toBe(Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString('base64'));
    }
  });

  it('round-trips to the same bits, NaN and signed zero included', () => {
    const a = Float64Array.from([0, -0, NaN, Infinity, -Infinity, 1e-310, Math.PI]);
    expect(Array.from(new Uint8Array(decodeF64(encodeF64(a)).buffer))).toEqual(Array.from(new Uint8Array(a.buffer)));
    const b = Float32Array.from([1.5, -2.25, 3e38]);
    expect(decodeF32(encodeF32(b))).toEqual(b);
  });
});
