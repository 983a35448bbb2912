/**
 * GBDT benchmark: fit time and test quality on California housing (when the
 * file is present) plus a synthetic scaling run.
 * Usage: npx tsx bench/gbdt/run.ts [path/to/housing.csv] [--rows 200000]
 */
import { existsSync, readFileSync } from 'node:fs';
import { makeFrame, numericColumn, stringColumn, Frame } from '../../models/frame/frame';
import { trainModel } from '../../models/train/index';
import type { Family } from '../../models/train/index';
import { trainGbdt } from '../../models/gbdt/train';
import { mulberry32 } from '../../models/split/prng';

const args = process.argv.slice(2);
const rowsFlag = args.indexOf('--rows');
const syntheticRows = rowsFlag >= 0 ? Number(args[rowsFlag + 1]) : 200_000;
const csvPath = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--rows') ?? '/work/shared/datasets/california_housing/housing.csv';

function loadHousing(path: string): Frame {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const cells = lines.slice(1).map((l) => l.split(','));
  return makeFrame(header.map((h, j) =>
    h === 'ocean_proximity'
      ? stringColumn(h, cells.map((c) => c[j] || null))
      : numericColumn(h, cells.map((c) => (c[j] === '' ? NaN : Number(c[j])))),
  ));
}

async function housing(): Promise<void> {
  if (!existsSync(csvPath)) {
    console.log(`housing: ${csvPath} not found, skipped`);
    return;
  }
  const frame = loadHousing(csvPath);
  const runs: [string, Family, Record<string, unknown>][] = [
    ['gbdt depthwise 200x6', 'gbdt', { trees: 200, maxDepth: 6 }],
    ['gbdt leafwise 200x31', 'gbdt', { trees: 200, growth: 'leafwise', maxLeaves: 31, maxDepth: 0 }],
    ['gbdt 1000 lr0.05 early stop', 'gbdt', { trees: 1000, learningRate: 0.05, maxDepth: 8, earlyStoppingRounds: 30 }],
    ['forest 100', 'forest', { trees: 100 }],
    ['ridge', 'linear', {}],
  ];
  console.log(`housing: ${frame.rowCount} rows, 80/20 split seed 42`);
  for (const [name, family, params] of runs) {
    const t0 = performance.now();
    const res = await trainModel(frame, {
      target: 'median_house_value', family, params, split: { kind: 'random', testFraction: 0.2, seed: 42 },
    });
    const secs = (performance.now() - t0) / 1000;
    const m = res.metrics;
    const iv = res.intervals;
    console.log(
      `  ${name.padEnd(30)} ${secs.toFixed(2).padStart(6)} s  rmse ${m.rmse.toFixed(0)}  r2 ${m.r2.toFixed(3)}` +
        (iv ? `  90% interval +-${iv.halfWidth.toFixed(0)} (test coverage ${iv.testCoverage.toFixed(3)})` : ''),
    );
  }
}

function synthetic(): void {
  const n = syntheticRows, p = 20;
  const rand = mulberry32(1);
  const X = new Float32Array(n * p);
  const y = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let s = 0;
    for (let j = 0; j < p; j++) {
      const v = rand();
      X[r * p + j] = v;
      if (j < 5) s += Math.sin(6 * v) * (j + 1);
    }
    y[r] = s + 0.1 * rand();
  }
  console.log(`synthetic: ${n} rows x ${p} features, 50 trees`);
  for (const growth of ['depthwise', 'leafwise'] as const) {
    const t0 = performance.now();
    const res = trainGbdt({ X, y, nRows: n, nCols: p }, { trees: 50, maxDepth: growth === 'depthwise' ? 8 : 0, maxLeaves: 63, growth });
    console.log(`  ${growth.padEnd(10)} ${((performance.now() - t0) / 1000).toFixed(2)} s  train rmse ${res.curves.train.at(-1)!.toFixed(3)}`);
  }
}

await housing();
synthetic();
