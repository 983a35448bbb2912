/**
 * Export parity on the bundled sample data sets: California housing
 * (regression with conformal intervals; multiclass on ocean_proximity) and
 * adult census income (binary, first 5,000 rows), for every model family.
 * Held-out rows are checked as they are and with extra gaps and unseen
 * categories.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { trainModel } from '../../train/index';
import type { Family, ModelArtifact } from '../../train/types';
import { makeFrame, numericColumn, stringColumn, takeRows, type Column, type Frame } from '../../frame/frame';
import { exportOnnx } from './index';
import { checkParity, type ParityReport } from './parity';

const TOL = 1e-4;
const sample = (path: string) => readFileSync(new URL(`../../../resources/samples/${path}`, import.meta.url), 'utf8');

function housingFrame(): Frame {
  const lines = sample('california_housing/housing.csv').trim().split('\n');
  const header = lines[0].split(',');
  const cells = lines.slice(1).map((l) => l.split(','));
  return makeFrame(header.map((h, j) => h === 'ocean_proximity'
    ? stringColumn(h, cells.map((c) => c[j] || null))
    : numericColumn(h, cells.map((c) => (c[j] === '' ? NaN : Number(c[j]))))));
}

const ADULT_COLUMNS = ['age', 'workclass', 'fnlwgt', 'education', 'education-num', 'marital-status', 'occupation',
  'relationship', 'race', 'sex', 'capital-gain', 'capital-loss', 'hours-per-week', 'native-country', 'income'];
const ADULT_NUMERIC = new Set(['age', 'fnlwgt', 'education-num', 'capital-gain', 'capital-loss', 'hours-per-week']);

function adultFrame(rows: number): Frame {
  const cells = sample('adult/adult-train.csv').split('\n').filter((l) => l.trim()).slice(0, rows).map((l) => l.split(', '));
  return makeFrame(ADULT_COLUMNS.map((h, j) => {
    const raw = cells.map((c) => c[j].trim());
    return ADULT_NUMERIC.has(h)
      ? numericColumn(h, raw.map((v) => (v === '?' ? NaN : Number(v))), 'integer')
      : stringColumn(h, raw.map((v) => (v === '?' ? null : v)));
  }));
}

/** Copy of `rows` with extra gaps in every column and categories never seen in training. */
function perturb(frame: Frame, rows: ArrayLike<number>, target: string): Frame {
  const sub = takeRows(frame, rows);
  const columns: Column[] = sub.columns.map((col) => {
    if (col.name === target) return col;
    const v = col.values.slice();
    for (let i = 0; i < v.length; i++) {
      if (v instanceof Float64Array) {
        if (i % 11 === 3) v[i] = NaN;
      } else if (i % 6 === 1) v[i] = 'Atlantis';
      else if (i % 13 === 2) v[i] = null;
    }
    return { ...col, values: v };
  });
  return { columns, rowCount: sub.rowCount };
}

const results: string[] = [];
afterAll(() => console.log(`ONNX export parity (held-out rows | perturbed copy):\n${results.join('\n')}`));

async function exportAndCheck(label: string, artifact: ModelArtifact, frame: Frame, rows: ArrayLike<number>): Promise<void> {
  const ex = exportOnnx(artifact);
  const session = await ort.InferenceSession.create(ex.bytes);
  const run = async (feeds: Parameters<Parameters<typeof checkParity>[3]>[0]) => {
    const tensors: Record<string, ort.Tensor> = {};
    for (const [name, f] of Object.entries(feeds)) tensors[name] = new ort.Tensor(f.type, f.data, f.dims);
    return (await session.run(tensors)) as Record<string, { data: ArrayLike<unknown> }>;
  };
  const reports: ParityReport[] = [
    await checkParity(artifact, ex, frame, run, { rows }),
    await checkParity(artifact, ex, perturb(frame, rows, artifact.target), run),
  ];
  const e = (v: number) => v.toExponential(1);
  const fmt = (r: ParityReport) => artifact.task === 'regression'
    ? `abs ${e(r.maxAbs)} rel ${e(r.maxRel)} bounds abs ${e(r.boundsMaxAbs)} rel ${e(r.boundsMaxRel)} (${r.rows} rows)`
    : `abs ${e(r.maxAbs)} rel ${e(r.maxRel)} label mismatches ${r.labelMismatches}/${r.rows}`;
  results.push(`  ${label.padEnd(30)} ${fmt(reports[0])} | ${fmt(reports[1])} (${(ex.bytes.length / 1024).toFixed(0)} KiB)`);
  for (const r of reports) {
    expect(r.maxRel).toBeLessThanOrEqual(TOL);
    expect(r.boundsMaxRel).toBeLessThanOrEqual(TOL);
    expect(r.labelMismatches).toBe(0);
  }
}

const FAMILIES: Family[] = ['gbdt', 'forest', 'linear', 'mlp'];
const PARAMS: Record<Family, Record<string, unknown>> = {
  gbdt: { trees: 60, maxDepth: 6 },
  forest: { trees: 12, maxDepth: 10, minChildWeight: 5 },
  linear: {},
  mlp: { hidden: [32, 16], epochs: 3, learningRate: 0.005, batchSize: 128, dropout: 0.1 },
};

describe('ONNX export parity on California housing', () => {
  const frame = housingFrame();
  it('loads 20,640 rows with 207 missing total_bedrooms', () => {
    expect(frame.rowCount).toBe(20_640);
    const beds = frame.columns.find((c) => c.name === 'total_bedrooms')!.values as Float64Array;
    expect(beds.filter(Number.isNaN).length).toBe(207);
  });
  for (const family of FAMILIES) {
    it(`${family}: median_house_value regression with intervals`, async () => {
      const res = await trainModel(frame, {
        target: 'median_house_value', family, params: PARAMS[family], split: { kind: 'random', testFraction: 0.2, seed: 42 },
      });
      expect(res.artifact.interval).not.toBeNull();
      await exportAndCheck(`housing ${family} regression`, res.artifact, frame, res.predictions.rows);
    });
    it(`${family}: ocean_proximity multiclass`, async () => {
      const res = await trainModel(frame, {
        target: 'ocean_proximity', family, params: PARAMS[family], split: { kind: 'random', testFraction: 0.2, seed: 42 },
      });
      expect(res.task).toBe('multiclass');
      await exportAndCheck(`housing ${family} multiclass`, res.artifact, frame, res.predictions.rows);
    });
  }
});

describe('ONNX export parity on adult census income (5,000 rows)', () => {
  const frame = adultFrame(5000);
  for (const family of FAMILIES) {
    it(`${family}: income binary classification`, async () => {
      const res = await trainModel(frame, {
        target: 'income', family, params: PARAMS[family], split: { kind: 'random', testFraction: 0.25, seed: 3 },
      });
      expect(res.task).toBe('binary');
      await exportAndCheck(`adult ${family} binary`, res.artifact, frame, res.predictions.rows);
    });
  }
});
