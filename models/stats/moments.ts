/** Count, mean, variance (Welford, numerically stable in one pass), min and max. */
export class Moments {
  n = 0;
  mean = 0;
  private m2 = 0;
  min = Infinity;
  max = -Infinity;

  add(x: number): void {
    this.n++;
    const d = x - this.mean;
    this.mean += d / this.n;
    this.m2 += d * (x - this.mean);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }

  /** Sample standard deviation (n − 1); 0 for fewer than two values. */
  get std(): number {
    return this.n > 1 ? Math.sqrt(this.m2 / (this.n - 1)) : 0;
  }
}

/** Linear-interpolated quantile of sorted values (type 7, as numpy and R default). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Uniform sample of a stream (Algorithm R) with a seeded generator, for quantiles of big columns. */
export class Reservoir {
  readonly values: Float64Array;
  size = 0;
  seen = 0;
  private state: number;

  constructor(capacity: number, seed = 1) {
    this.values = new Float64Array(capacity);
    this.state = seed >>> 0 || 1;
  }

  add(x: number): void {
    this.seen++;
    if (this.size < this.values.length) {
      this.values[this.size++] = x;
      return;
    }
    const j = Math.floor(this.random() * this.seen);
    if (j < this.values.length) this.values[j] = x;
  }

  sorted(): Float64Array {
    return this.values.slice(0, this.size).sort();
  }

  private random(): number {
    // xorshift32: fast and good enough for sampling.
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 4294967296;
  }
}
