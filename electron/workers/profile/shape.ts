/**
 * Per-column shape statistics the profile's warnings need, in one streaming pass: the third
 * central moment (skewness, updated as in Terriberry's extension of Welford's method) and how
 * often the maximum occurs (a cap shows as a maximum repeated far more than its neighbours).
 */
export class Shape {
  n = 0;
  private mean = 0;
  private m2 = 0;
  private m3 = 0;
  max = -Infinity;
  maxCount = 0;

  add(x: number): void {
    const n1 = this.n;
    this.n++;
    const d = x - this.mean;
    const dn = d / this.n;
    const term = d * dn * n1;
    this.mean += dn;
    this.m3 += term * dn * (this.n - 2) - 3 * dn * this.m2;
    this.m2 += term;
    if (x > this.max) {
      this.max = x;
      this.maxCount = 1;
    } else if (x === this.max) this.maxCount++;
  }

  /** Adjusted sample skewness G1 (as pandas' skew()); NaN under three values or with no spread. */
  get skewness(): number {
    const n = this.n;
    if (n < 3 || this.m2 <= 0) return NaN;
    const g1 = (Math.sqrt(n) * this.m3) / this.m2 ** 1.5;
    return (g1 * Math.sqrt(n * (n - 1))) / (n - 2);
  }
}
