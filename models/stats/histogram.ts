export interface Bin {
  lo: number;
  hi: number;
  count: number;
}

/**
 * Equal-width bins over [min, max]; integer columns with a small range get one bin per value
 * so counts are not split across fractional edges.
 */
export function binEdges(min: number, max: number, integer: boolean, maxBins = 30): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min, max];
  if (integer && max - min + 1 <= maxBins) {
    // One bin per value: [v, v + 1).
    return Array.from({ length: max - min + 2 }, (_, i) => min + i);
  }
  const bins = maxBins;
  const w = (max - min) / bins;
  return Array.from({ length: bins + 1 }, (_, i) => (i === bins ? max : min + i * w));
}

export class HistogramAccumulator {
  readonly counts: Float64Array;
  private readonly lo: number;
  private readonly width: number;

  constructor(readonly edges: number[]) {
    this.counts = new Float64Array(Math.max(0, edges.length - 1));
    this.lo = edges[0] ?? 0;
    this.width = edges.length > 1 ? (edges[edges.length - 1] - this.lo) / (edges.length - 1) : 0;
  }

  add(x: number): void {
    const k = this.counts.length;
    if (k === 0) return;
    let i = this.width > 0 ? Math.floor((x - this.lo) / this.width) : 0;
    if (i >= k) i = k - 1; // the last bin includes its upper edge
    if (i < 0) i = 0;
    this.counts[i]++;
  }

  /** Adds counts per bin computed elsewhere (e.g. by the database). */
  addCounts(perBin: ArrayLike<number>): void {
    for (let i = 0; i < this.counts.length && i < perBin.length; i++) this.counts[i] += perBin[i];
  }

  bins(): Bin[] {
    return Array.from(this.counts, (count, i) => ({ lo: this.edges[i], hi: this.edges[i + 1], count }));
  }
}
