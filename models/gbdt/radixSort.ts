/**
 * Ascending sort of float32 values by their bit patterns (LSD radix, three
 * 11-bit digits): a few linear passes instead of a comparison sort, for the
 * per-feature sorts of quantile binning. NaNs are dropped; -0 sorts before
 * +0, as in TypedArray.prototype.sort.
 */
const DIGIT = 11;
const BUCKETS = 1 << DIGIT;
const MASK = BUCKETS - 1;

/** Sorted copy of the non-NaN values of values[0, n). */
export function sortFloat32(values: Float32Array, n: number): Float32Array {
  let keys = new Uint32Array(n);
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v !== v) continue;
    const b = bits[i];
    // Order-preserving map: negative floats reversed below positive ones.
    keys[m++] = b & 0x80000000 ? ~b >>> 0 : (b | 0x80000000) >>> 0;
  }
  const counts = new Int32Array(3 * BUCKETS);
  for (let i = 0; i < m; i++) {
    const k = keys[i];
    counts[k & MASK]++;
    counts[BUCKETS + ((k >>> DIGIT) & MASK)]++;
    counts[2 * BUCKETS + (k >>> (2 * DIGIT))]++;
  }
  let tmp = new Uint32Array(m);
  for (let d = 0; d < 3; d++) {
    const base = d * BUCKETS;
    const shift = d * DIGIT;
    let sum = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const c = counts[base + b];
      counts[base + b] = sum;
      sum += c;
    }
    for (let i = 0; i < m; i++) {
      const k = keys[i];
      tmp[counts[base + ((k >>> shift) & MASK)]++] = k;
    }
    const t = keys;
    keys = tmp;
    tmp = t;
  }
  const out = new Float32Array(m);
  const outBits = new Uint32Array(out.buffer);
  for (let i = 0; i < m; i++) {
    const k = keys[i];
    outBits[i] = k & 0x80000000 ? k & 0x7fffffff : ~k >>> 0;
  }
  return out;
}
