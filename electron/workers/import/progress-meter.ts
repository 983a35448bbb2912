import type { TaskContext } from '../protocol';

/** Progress by bytes read, with rows/s in the message; reports at most every 100 ms. */
export class ProgressMeter {
  private last = 0;
  private readonly t0 = performance.now();

  constructor(
    private readonly ctx: TaskContext,
    private readonly totalBytes: number,
  ) {}

  update(bytes: number, rows: number): void {
    const now = performance.now();
    if (now - this.last < 100) return;
    this.last = now;
    const rate = rows / Math.max(0.001, (now - this.t0) / 1000);
    const fraction = this.totalBytes > 0 ? Math.min(0.99, bytes / this.totalBytes) : 0;
    this.ctx.progress(fraction, `${rows.toLocaleString('en-US')} rows · ${formatRate(rate)} rows/s`);
  }
}

function formatRate(r: number): string {
  return r >= 1e6 ? `${(r / 1e6).toFixed(1)}M` : r >= 1e3 ? `${Math.round(r / 1e3)}k` : `${Math.round(r)}`;
}
