import type { Task } from '../protocol';

/**
 * Measures this machine's single-thread floating-point throughput with a blocked
 * matrix multiply, for a set time. Useful to compare machines and as the smallest
 * honest long-running job: progress, live metrics, cancel.
 */
export const machineCheck: Task<'system.machineCheck'> = async ({ seconds }, ctx) => {
  const n = 96;
  const a = new Float64Array(n * n).map((_, i) => ((i * 7919) % 101) / 101);
  const b = new Float64Array(n * n).map((_, i) => ((i * 104729) % 103) / 103);
  const c = new Float64Array(n * n);
  const budgetMs = seconds * 1000;
  const t0 = performance.now();
  let step = 0;
  let best = 0;
  let total = 0;
  while (performance.now() - t0 < budgetMs) {
    if (ctx.signal.aborted) return null;
    const s = performance.now();
    for (let rep = 0; rep < 4; rep++) matmul(a, b, c, n);
    const ms = performance.now() - s;
    const gflops = (4 * 2 * n * n * n) / (ms * 1e6);
    best = Math.max(best, gflops);
    total += gflops;
    step++;
    ctx.metrics(step, { gflops });
    const elapsed = performance.now() - t0;
    ctx.progress(elapsed / budgetMs, `${gflops.toFixed(2)} GFLOP/s`);
    // Yield so a cancel message can be delivered between steps.
    await new Promise((r) => setImmediate(r));
  }
  return { steps: step, meanGflops: step ? total / step : 0, bestGflops: best, checksum: c[0] };
};

function matmul(a: Float64Array, b: Float64Array, c: Float64Array, n: number): void {
  c.fill(0);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let k = 0; k < n; k++) {
      const aik = a[ri + k];
      const rk = k * n;
      for (let j = 0; j < n; j++) c[ri + j] += aik * b[rk + j];
    }
  }
}
