import * as ort from 'onnxruntime-node';
import { trainModel } from '../../train/index';
import { makeFrame, numericColumn, stringColumn, Frame } from '../../frame/frame';
import { mulberry32, gaussian } from '../../split/prng';
import { exportOnnx } from './index';
import { checkParity } from './parity';
import type { Family } from '../../train/types';

function regressionFrame(n: number, seed: number): Frame {
  const rand = mulberry32(seed);
  const x1: number[] = [], x2: number[] = [], c: (string | null)[] = [], d: number[] = [], y: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = rand() * 2 - 1, b = rand() * 2 - 1;
    const cat = ['lo', 'hi', 'mid', 'x', 'y', 'z'][i % 6];
    x1.push(rand() < 0.05 ? NaN : a);
    x2.push(b);
    c.push(rand() < 0.03 ? null : cat);
    d.push(rand() < 0.05 ? NaN : Date.UTC(1960, 0, 1) + rand() * 80 * 365 * 86_400_000);
    y.push(3 * a - 2 * b + (cat === 'hi' ? 4 : cat === 'z' ? -2 : 0) + 0.2 * gaussian(rand));
  }
  return makeFrame([numericColumn('x1', x1), numericColumn('x2', x2), stringColumn('c', c), numericColumn('day', d, 'date'), numericColumn('y', y)]);
}
const fast: Record<Family, Record<string, unknown>> = {
  gbdt: { trees: 40, maxDepth: 4 }, forest: { trees: 15 }, linear: {},
  mlp: { hidden: [16], epochs: 5, learningRate: 0.01, dropout: 0, batchSize: 32 },
};
async function main() {
  const frame = regressionFrame(1500, 1);
  for (const family of ['gbdt', 'forest', 'linear', 'mlp'] as Family[]) {
    for (const target of ['y', 'c'] as const) {
      const t0 = Date.now();
      const res = await trainModel(frame, { target, family, params: fast[family], split: { kind: 'random', testFraction: 0.2, seed: 7 } });
      const ex = exportOnnx(res.artifact);
      try {
        const sess = await ort.InferenceSession.create(ex.bytes);
        const rep = await checkParity(res.artifact, ex, frame, async (feeds) => {
          const f: Record<string, ort.Tensor> = {};
          for (const [k, v] of Object.entries(feeds)) f[k] = new ort.Tensor(v.type, v.data, v.dims);
          return sess.run(f) as never;
        }, { rows: res.predictions.rows });
        console.log(family, target, res.task, ex.bytes.length, JSON.stringify(rep), Date.now() - t0, 'ms');
      } catch (e) { console.log(family, target, 'ERR', (e as Error).message.slice(0, 500)); }
    }
  }
}
main();
