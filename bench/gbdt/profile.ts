/**
 * Runs only our trainer on the benchmark data sets, for profiling:
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/gbdt/profile.ts [housing|adult] [runs]
 * Prints fit times and a checksum of the test predictions (to spot changed results).
 */
import { trainGbdt } from '../../models/gbdt/train';
import { adult, housing } from './data';

const which = process.argv[2] ?? 'both';
const runs = Number(process.argv[3] ?? 3);
const problems = [...(which !== 'adult' ? [housing()] : []), ...(which !== 'housing' ? [adult()] : [])];
for (const p of problems) {
  const times: string[] = [];
  const cpu: string[] = [];
  let sum = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const res = trainGbdt({ X: p.train.X, nRows: p.train.nRows, nCols: p.nCols, y: p.train.y }, {
      trees: 200, maxDepth: 6, learningRate: 0.1, minChildWeight: 1, l2: 1, maxBins: 255, earlyStopping: 'off',
      loss: p.task === 'regression' ? 'squared' : 'logloss',
    }, { categoryCounts: p.categoryCounts, threads: process.env.THREADS ? Number(process.env.THREADS) : undefined });
    times.push(((performance.now() - t0) / 1000).toFixed(3));
    const c = process.cpuUsage(c0);
    cpu.push(((c.user + c.system) / 1e6).toFixed(3));
    const pred = res.model.predict(p.test.X, p.test.nRows);
    sum = 0;
    for (let r = 0; r < pred.length; r++) sum += pred[r];
  }
  console.log(`${p.name}: wall ${times.join(' / ')} s, cpu ${cpu.join(' / ')} s, prediction sum ${sum.toPrecision(15)}`);
}
