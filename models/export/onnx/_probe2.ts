import * as ort from 'onnxruntime-node';
import { trainModel, loadModel } from '../../train/index';
import { makeFrame, numericColumn, stringColumn, Frame, takeRows } from '../../frame/frame';
import { mulberry32, gaussian } from '../../split/prng';
import { exportOnnx, buildFeeds } from './index';

function regressionFrame(n: number, seed: number): Frame {
  const rand = mulberry32(seed);
  const x1: number[] = [], x2: number[] = [], y: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = rand() * 2 - 1, b = rand() * 2 - 1;
    x1.push(a); x2.push(b);
    y.push(3 * a - 2 * b + 0.2 * gaussian(rand));
  }
  return makeFrame([numericColumn('x1', x1), numericColumn('x2', x2), numericColumn('y', y)]);
}
async function main() {
  const frame = regressionFrame(1500, 1);
  const res = await trainModel(frame, { target: 'y', family: 'gbdt', params: { trees: 40, maxDepth: 4 }, split: { kind: 'random', testFraction: 0.2, seed: 7 } });
  for (const numericInput of ['float', 'double'] as const) {
    const ex = exportOnnx(res.artifact, { numericInput });
    const sess = await ort.InferenceSession.create(ex.bytes);
    const sub = takeRows(frame, res.predictions.rows);
    const want = loadModel(res.artifact).predict(sub).values;
    const f: Record<string, ort.Tensor> = {};
    for (const [k, v] of Object.entries(buildFeeds(ex.inputs, sub))) f[k] = new ort.Tensor(v.type, v.data, v.dims);
    const got = (await sess.run(f)).prediction.data as Float32Array;
    let worst = 0, wi = 0;
    for (let i = 0; i < want.length; i++) { const r = Math.abs(got[i] - want[i]) / Math.abs(want[i]); if (r > worst) { worst = r; wi = i; } }
    console.log(numericInput, worst, got[wi], want[wi], Math.fround(want[wi]));
  }
}
main();
