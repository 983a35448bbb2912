/** Pairwise Pearson correlations, each pair over the rows where both values are present. */
export class CorrelationAccumulator {
  private readonly n: Float64Array;
  private readonly sx: Float64Array;
  private readonly sy: Float64Array;
  private readonly sxx: Float64Array;
  private readonly syy: Float64Array;
  private readonly sxy: Float64Array;

  constructor(readonly k: number) {
    const size = k * k;
    this.n = new Float64Array(size);
    this.sx = new Float64Array(size);
    this.sy = new Float64Array(size);
    this.sxx = new Float64Array(size);
    this.syy = new Float64Array(size);
    this.sxy = new Float64Array(size);
  }

  /** One row of the k numeric columns; NaN = missing. */
  add(row: ArrayLike<number>): void {
    const k = this.k;
    for (let i = 0; i < k; i++) {
      const x = row[i];
      if (Number.isNaN(x)) continue;
      for (let j = i; j < k; j++) {
        const y = row[j];
        if (Number.isNaN(y)) continue;
        const c = i * k + j;
        this.n[c]++;
        this.sx[c] += x;
        this.sy[c] += y;
        this.sxx[c] += x * x;
        this.syy[c] += y * y;
        this.sxy[c] += x * y;
      }
    }
  }

  /** Symmetric matrix; NaN where a pair has fewer than 2 rows or no variance. */
  matrix(): number[][] {
    const k = this.k;
    const m = Array.from({ length: k }, () => new Array<number>(k).fill(NaN));
    for (let i = 0; i < k; i++) {
      for (let j = i; j < k; j++) {
        const c = i * k + j;
        const n = this.n[c];
        const cov = this.sxy[c] - (this.sx[c] * this.sy[c]) / n;
        const vx = this.sxx[c] - (this.sx[c] * this.sx[c]) / n;
        const vy = this.syy[c] - (this.sy[c] * this.sy[c]) / n;
        const r = n >= 2 && vx > 0 && vy > 0 ? Math.max(-1, Math.min(1, cov / Math.sqrt(vx * vy))) : NaN;
        m[i][j] = r;
        m[j][i] = r;
      }
    }
    return m;
  }
}
