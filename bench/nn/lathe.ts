/** Lathe's side of bench/nn: a case's network built from its spec and trained by trainNetwork, timed. */
import { performance } from 'node:perf_hooks';
import { buildNetwork } from '../../models/nn/build';
import { trainNetwork, type NetworkData } from '../../models/nn/train/index';
import type { BenchCase } from './cases';
import type { Workload } from './data';

export interface LatheTiming {
  samplesPerSecond: number;
  seconds: number;
  finalLoss: number;
  /** What trained it, as trainNetwork reports (a TF.js backend or the WebAssembly kernel). */
  backend: string;
}

export async function timeLathe(c: BenchCase, w: Workload, seed: number, engine: 'auto' | 'tfjs' = 'auto'): Promise<LatheTiming> {
  const model = buildNetwork(c.spec, { seed });
  const data: NetworkData = { xShape: w.xShape, yShape: w.yShape, train: { x: w.x, y: w.y, rows: w.rows } };
  const options = { engine, batchSize: c.batchSize, seed, loss: c.loss, learningRate: c.learningRate, optimizer: { weightDecay: c.weightDecay } };
  try {
    await trainNetwork(model, data, { ...options, epochs: 1 }); // warm-up: kernels compiled, memory grown
    const t0 = performance.now();
    const res = await trainNetwork(model, data, { ...options, epochs: c.epochs });
    const seconds = (performance.now() - t0) / 1000;
    return { samplesPerSecond: (w.rows * c.epochs) / seconds, seconds, finalLoss: res.curves.train.at(-1) ?? NaN, backend: res.device };
  } finally {
    model.dispose();
  }
}
