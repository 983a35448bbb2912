import { describe, it, expect } from 'vitest';
import * as ort from 'onnxruntime-node';
import onnxProto from 'onnx-proto';
import { trainModel } from '../../train/index';
import type { Family, ModelArtifact, TrainSpec } from '../../train/types';
import { makeFrame, numericColumn, stringColumn, takeRows, type Column, type Frame } from '../../frame/frame';
import { mulberry32, gaussian } from '../../split/prng';
import { exportOnnx, buildFeeds, OnnxExportError, type OnnxExport, type OnnxExportOptions } from './index';
import { checkParity, type OnnxRun, type ParityReport } from './parity';

const TOL = 1e-4;

/** Numeric (with gaps), boolean, categorical (with gaps), date (with gaps) and three targets. */
function syntheticFrame(n: number, seed: number): Frame {
  const rand = mulberry32(seed);
  const x1: number[] = [], x2: number[] = [], flag: number[] = [], c: (string | null)[] = [], day: number[] = [];
  const y: number[] = [], bin: string[] = [], multi: string[] = [];
  const levels = ['lo', 'hi', 'mid', 'north', 'south', 'rare'];
  for (let i = 0; i < n; i++) {
    const a = rand() * 2 - 1, b = rand() * 2 - 1;
    const cat = levels[i % 17 === 0 ? 5 : i % 5];
    const t = Date.UTC(1965, 0, 1) + rand() * 60 * 365.25 * 86_400_000;
    const month = new Date(t).getUTCMonth();
    x1.push(rand() < 0.06 ? NaN : a);
    x2.push(b);
    flag.push(rand() < 0.04 ? NaN : rand() < 0.5 ? 1 : 0);
    c.push(rand() < 0.05 ? null : cat);
    day.push(rand() < 0.05 ? NaN : t);
    const v = 3 * a - 2 * b + (cat === 'hi' ? 2 : cat === 'south' ? -1.5 : 0) + (month < 6 ? 0.5 : -0.5) + 0.3 * gaussian(rand);
    y.push(v + 10);
    bin.push(v + 0.4 * gaussian(rand) > 0 ? 'yes' : 'no');
    multi.push(['red', 'green', 'blue'][Math.floor(((Math.atan2(b, a) + Math.PI) / (2 * Math.PI)) * 3) % 3]);
  }
  return makeFrame([
    numericColumn('x1', x1), numericColumn('x2', x2), numericColumn('flag', flag, 'boolean'), stringColumn('c', c),
    numericColumn('day', day, 'date'), numericColumn('y', y), stringColumn('bin', bin), stringColumn('multi', multi),
  ]);
}

/** Copy of `rows` with extra gaps and categories never seen in training. */
function perturb(frame: Frame, rows: ArrayLike<number>): Frame {
  const sub = takeRows(frame, rows);
  const columns: Column[] = sub.columns.map((col) => {
    if (col.values instanceof Float64Array) {
      const v = col.values.slice();
      for (let i = 0; i < v.length; i++) if (i % 7 === 3) v[i] = NaN;
      return { ...col, values: v };
    }
    const v = col.values.slice();
    for (let i = 0; i < v.length; i++) {
      if (i % 5 === 1) v[i] = 'never-seen';
      else if (i % 9 === 2) v[i] = null;
    }
    return { ...col, values: v };
  });
  return { columns, rowCount: sub.rowCount };
}

async function session(ex: OnnxExport): Promise<OnnxRun> {
  const s = await ort.InferenceSession.create(ex.bytes);
  return async (feeds) => {
    const tensors: Record<string, ort.Tensor> = {};
    for (const [name, f] of Object.entries(feeds)) tensors[name] = new ort.Tensor(f.type, f.data, f.dims);
    return (await s.run(tensors)) as Record<string, { data: ArrayLike<unknown> }>;
  };
}

/** Parity on the held-out rows and on a perturbed copy of them. */
async function parity(artifact: ModelArtifact, frame: Frame, rows: ArrayLike<number>, options?: OnnxExportOptions): Promise<ParityReport[]> {
  const ex = exportOnnx(artifact, options);
  const run = await session(ex);
  return [
    await checkParity(artifact, ex, frame, run, { rows }),
    await checkParity(artifact, ex, perturb(frame, rows), run),
  ];
}

function expectParity(reports: ParityReport[]): void {
  for (const r of reports) {
    expect(r.rows).toBeGreaterThan(0);
    expect(r.maxRel).toBeLessThanOrEqual(TOL);
    expect(r.boundsMaxRel).toBeLessThanOrEqual(TOL);
    expect(r.labelMismatches).toBe(0);
  }
}

const frame = syntheticFrame(1500, 11);
const fast: Record<Family, Record<string, unknown>> = {
  gbdt: { trees: 40, maxDepth: 4 },
  forest: { trees: 12, maxDepth: 8 },
  linear: {},
  mlp: { hidden: [16, 8], epochs: 4, learningRate: 0.01, dropout: 0.1, batchSize: 64 },
};
const targets = { y: 'regression', bin: 'binary', multi: 'multiclass' } as const;

async function train(family: Family, target: keyof typeof targets, extra: Partial<TrainSpec> = {}) {
  return trainModel(frame, {
    target, family, params: fast[family], exclude: Object.keys(targets).filter((t) => t !== target),
    split: { kind: 'random', testFraction: 0.2, seed: 5 }, ...extra,
  });
}

describe('exportOnnx on synthetic data (numeric, boolean, categorical, date columns)', () => {
  for (const family of ['gbdt', 'forest', 'linear', 'mlp'] as Family[]) {
    for (const target of Object.keys(targets) as (keyof typeof targets)[]) {
      it(`${family} ${targets[target]}: matches loadModel().predict, with gaps and unseen categories`, async () => {
        const res = await train(family, target);
        expect(res.task).toBe(targets[target]);
        expectParity(await parity(res.artifact, frame, res.predictions.rows));
      });
    }
  }

  it('describes inputs and outputs; numeric inputs can be float32', async () => {
    const res = await train('linear', 'y');
    const ex = exportOnnx(res.artifact);
    expect(ex.inputs).toEqual([
      { name: 'x1', type: 'double', column: 'x1', kind: 'numeric' },
      { name: 'x2', type: 'double', column: 'x2', kind: 'numeric' },
      { name: 'flag', type: 'double', column: 'flag', kind: 'numeric' },
      { name: 'c', type: 'string', column: 'c', kind: 'categorical', missing: '' },
      { name: 'day', type: 'double', column: 'day', kind: 'date' },
    ]);
    expect(ex.outputs.map((o) => o.name)).toEqual(['prediction', 'lower', 'upper']);
    const model = onnxProto.onnx.ModelProto.decode(ex.bytes);
    expect(model.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', 17], ['ai.onnx.ml', 3]]);
    // Double inputs make dense preprocessing bit-identical to the pipeline: only the final
    // float32 rounding remains. Float32 inputs round raw values before standardisation.
    const [exact] = await parity(res.artifact, frame, res.predictions.rows);
    expect(exact.maxRel).toBeLessThan(1e-7);
    const floatEx = exportOnnx(res.artifact, { numericInput: 'float' });
    expect(floatEx.inputs.filter((i) => i.kind === 'numeric').every((i) => i.type === 'float')).toBe(true);
    expect(floatEx.inputs.find((i) => i.kind === 'date')!.type).toBe('double');
    expectParity(await parity(res.artifact, frame, res.predictions.rows, { numericInput: 'float' }));
    const feeds = buildFeeds(floatEx.inputs, frame, [0, 1]);
    expect(feeds.x1).toMatchObject({ type: 'float32', dims: [2, 1] });
    expect(feeds.day.type).toBe('float64');
    expect(feeds.c.type).toBe('string');
  });

  it('an input named like an output is renamed', async () => {
    const renamed = makeFrame(frame.columns.map((c) => (c.name === 'x2' ? { ...c, name: 'prediction' } : c)));
    const res = await trainModel(renamed, {
      target: 'y', family: 'gbdt', params: fast.gbdt, exclude: ['bin', 'multi'], split: { kind: 'random', testFraction: 0.2, seed: 5 },
    });
    const ex = exportOnnx(res.artifact);
    expect(ex.inputs.find((i) => i.column === 'prediction')!.name).toBe('prediction_input');
    expectParity(await parity(res.artifact, renamed, res.predictions.rows));
  });

  it('classification outputs label index, label string and probabilities', async () => {
    const res = await train('gbdt', 'multi');
    const ex = exportOnnx(res.artifact);
    expect(ex.outputs.map((o) => o.name)).toEqual(['label', 'class_label', 'probabilities']);
    const run = await session(ex);
    const out = await run(buildFeeds(ex.inputs, frame, [0, 1, 2]));
    expect(out.probabilities.data.length).toBe(9);
    expect(Array.from(out.class_label.data as string[]).every((l) => ['blue', 'green', 'red'].includes(l))).toBe(true);
    expect(typeof (out.label.data as BigInt64Array)[0]).toBe('bigint');
  });

  it('supports other pipeline options: ordinal codes, no standardisation, other slots in tree mode', async () => {
    const dense = await train('linear', 'bin', { pipeline: { categorical: 'ordinal', standardize: false, missingIndicators: false } });
    expectParity(await parity(dense.artifact, frame, dense.predictions.rows));
    const tree = await train('gbdt', 'y', { pipeline: { maxCategories: 3 } });
    expect(tree.artifact.pipeline.steps.find((s) => s.kind === 'categorical')).toMatchObject({ hasOther: true });
    expectParity(await parity(tree.artifact, frame, tree.predictions.rows));
    const absolute = await train('gbdt', 'y', { params: { ...fast.gbdt, loss: 'absolute', growth: 'leafwise', maxLeaves: 12 } });
    expectParity(await parity(absolute.artifact, frame, absolute.predictions.rows));
    const mlp = await train('mlp', 'multi', { pipeline: { maxCategories: 2, dateParts: ['year', 'dayOfYear'] } });
    expectParity(await parity(mlp.artifact, frame, mlp.predictions.rows));
  });

  it('rejects text columns and a missing marker that is also a category', async () => {
    const withText = makeFrame([...frame.columns, stringColumn('note', Array.from({ length: frame.rowCount }, (_, i) => `note ${i % 13} words`), 'text')]);
    const res = await trainModel(withText, {
      target: 'y', family: 'linear', exclude: ['bin', 'multi'], split: { kind: 'random', testFraction: 0.2, seed: 1 },
    });
    expect(() => exportOnnx(res.artifact)).toThrow(OnnxExportError);
    expect(() => exportOnnx(res.artifact)).toThrow('column "note": text columns cannot be exported to ONNX yet');
    const lin = await train('linear', 'y');
    expect(() => exportOnnx(lin.artifact, { missingString: 'hi' })).toThrow(/missing-value marker/);
  });
});
