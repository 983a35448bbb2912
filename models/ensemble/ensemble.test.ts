import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { makeFrame, numericColumn, stringColumn, type Frame } from '../frame/frame';
import { gaussian, mulberry32 } from '../split/prng';
import { trainModel } from '../train/index';
import type { Family, ModelArtifact } from '../train/types';
import { checkParity, type OnnxRun } from '../export/onnx/parity';
import type { OnnxExport } from '../export/onnx/export';
import { buildEnsemble, checkMembers, exportEnsembleOnnx, type EnsembleMember, type EnsembleMethod } from './index';

/** A nonlinear target (trees and a linear model see different parts of it) with a categorical column. */
function frame(n: number, seed: number): Frame {
  const rand = mulberry32(seed);
  const a: number[] = [], b: number[] = [], c: string[] = [], y: number[] = [], bin: string[] = [], multi: string[] = [];
  for (let i = 0; i < n; i++) {
    const x1 = rand() * 2 - 1, x2 = rand() * 2 - 1, cat = ['p', 'q', 'r'][i % 3];
    const v = 2 * x1 - x2 + Math.sin(3 * x2) + (cat === 'q' ? 0.8 : 0) + 0.3 * gaussian(rand);
    a.push(x1); b.push(x2); c.push(cat); y.push(v);
    bin.push(v + 0.3 * gaussian(rand) > 0 ? 'yes' : 'no');
    multi.push(v < -0.7 ? 'low' : v < 0.7 ? 'mid' : 'high');
  }
  return makeFrame([numericColumn('a', a), numericColumn('b', b), stringColumn('c', c), numericColumn('y', y), stringColumn('bin', bin), stringColumn('multi', multi)]);
}

const data = frame(360, 11);
const split = { kind: 'random' as const, testFraction: 0.3, seed: 5 };
const PARAMS: Partial<Record<Family, Record<string, unknown>>> = { gbdt: { trees: 40 }, forest: { trees: 20 } };
const others = { y: ['bin', 'multi'], bin: ['y', 'multi'], multi: ['y', 'bin'] };

async function member(family: Family, target: keyof typeof others, name: string) {
  const r = await trainModel(data, { target, family, params: PARAMS[family], exclude: others[target], split });
  const m: EnsembleMember = { ref: `${name}@1.0.0`, runId: name, artifact: r.artifact };
  return { member: m, rows: r.predictions.rows, result: r };
}

async function session(ex: OnnxExport): Promise<OnnxRun> {
  const s = await ort.InferenceSession.create(ex.bytes);
  return async (feeds) => {
    const t: Record<string, ort.Tensor> = {};
    for (const [k, f] of Object.entries(feeds)) t[k] = new ort.Tensor(f.type, f.data, f.dims);
    return (await s.run(t)) as unknown as Record<string, { data: ArrayLike<unknown> }>;
  };
}

const trainRows = (test: ArrayLike<number>) => {
  const held = new Set(Array.from(test));
  return Array.from({ length: data.rowCount }, (_, i) => i).filter((i) => !held.has(i));
};

async function ensembleOf(target: keyof typeof others, families: Family[], method: EnsembleMethod) {
  const ms = await Promise.all(families.map((f, i) => member(f, target, `m${i}`)));
  const members = ms.map((m) => m.member);
  checkMembers(members);
  const built = await buildEnsemble({
    members, method, frame: data, evalRows: ms[0].rows, notShared: null,
    stacking: { frame: data, rows: trainRows(ms[0].rows), refits: families.map((f) => ({ params: PARAMS[f] ?? {}, exclude: others[target] })), maxRows: 150 },
  });
  const exported = exportEnsembleOnnx(built.artifact);
  const parity = await checkParity(built.artifact, exported, data, await session(exported), { rows: ms[0].rows });
  return { ms, built, exported, parity };
}

describe('ensembles of tabular models as one ONNX graph', () => {
  for (const method of ['mean', 'weighted', 'stacking'] as const) {
    it(`regression ${method}: the graph equals the engine's combination within 1e-5`, async () => {
      const { ms, built, exported, parity } = await ensembleOf('y', ['gbdt', 'linear'], method);
      expect(parity.maxRel).toBeLessThan(1e-5);
      expect(exported.outputs.map((o) => o.name)).toEqual(['prediction']);
      expect(built.memberMetrics).toHaveLength(2);
      // Each member's metric beside it is the member's own run metric on the same rows.
      ms.forEach((m, i) => expect(built.memberMetrics[i].rmse).toBeCloseTo(m.result.metrics.rmse, 9));
      if (method === 'mean') expect(built.artifact.weights).toEqual([0.5, 0.5]);
      if (method === 'weighted') {
        const w = built.artifact.weights!;
        expect(Math.min(...w)).toBeGreaterThanOrEqual(0);
        expect(w[0] + w[1]).toBeCloseTo(1, 12);
        // Fit on these rows, the weighted combination is at least as good as either member alone.
        expect(built.metrics.rmse).toBeLessThanOrEqual(Math.min(...built.memberMetrics.map((m) => m.rmse)) + 1e-9);
      }
      if (method === 'stacking') expect(built.artifact.meta?.kind).toBe('ridge');
    });
  }

  for (const method of ['mean', 'weighted', 'stacking'] as const) {
    it(`binary and multiclass ${method}: probabilities within 1e-5, labels identical`, async () => {
      for (const target of ['bin', 'multi'] as const) {
        const { built, exported, parity } = await ensembleOf(target, ['gbdt', 'linear'], method);
        expect(parity.maxAbs).toBeLessThan(1e-5);
        expect(parity.labelMismatches).toBe(0);
        expect(exported.outputs.map((o) => o.name)).toEqual(['label', 'class_label', 'probabilities']);
        if (method === 'stacking') expect(built.artifact.meta?.kind).toBe(target === 'bin' ? 'logistic' : 'multinomial');
      }
    });
  }

  it('refuses weighted and stacking without shared validation rows, naming why', async () => {
    const ms = await Promise.all([member('gbdt', 'y', 'a'), member('linear', 'y', 'b')]);
    const input = { members: ms.map((m) => m.member), frame: data, evalRows: ms[0].rows, notShared: 'b@1.0.0 was trained on another dataset' };
    await expect(buildEnsemble({ ...input, method: 'weighted' })).rejects.toThrow(/'weighted' needs validation rows.*b@1\.0\.0 was trained on another dataset/);
    await expect(buildEnsemble({ ...input, method: 'mean' })).resolves.toBeTruthy();
  });
});

describe('members that cannot ensemble are refused, naming the member and the first difference', () => {
  const base = async () => (await member('linear', 'y', 'a')).member;
  it('a different task, target, classes or input column', async () => {
    const a = await base();
    const cls = (await member('linear', 'bin', 'c')).member;
    expect(() => checkMembers([a, cls])).toThrow(/c@1\.0\.0 is a binary model but a@1\.0\.0 is regression/);
    const other: ModelArtifact = { ...cls.artifact, classes: ['no', 'maybe'] };
    expect(() => checkMembers([cls, { ...cls, ref: 'd@2', artifact: other }])).toThrow(/d@2 has classes \["no","maybe"\] but c@1\.0\.0 has \["no","yes"\]/);
    const fewer: ModelArtifact = { ...a.artifact, features: a.artifact.features.filter((f) => f !== 'b') };
    expect(() => checkMembers([a, { ...a, ref: 'e@1', artifact: fewer }])).toThrow(/e@1 does not take input column "b"/);
    const retyped: ModelArtifact = { ...a.artifact, pipeline: { ...a.artifact.pipeline, steps: a.artifact.pipeline.steps.map((s) => (s.column === 'a' ? { ...s, kind: 'date' } as never : s)) } };
    expect(() => checkMembers([a, { ...a, ref: 'f@1', artifact: retyped }])).toThrow(/f@1 reads input column "a" as date but a@1\.0\.0 reads it as numeric/);
  });

  it('forecast, recommender and text models, and single members', async () => {
    const a = await base();
    expect(() => checkMembers([a, { ref: 'fc@1', artifact: { task: 'forecast' } }])).toThrow(/fc@1 is a forecast model/);
    expect(() => checkMembers([a, { ref: 'rec@1', artifact: { task: 'recommend' } }])).toThrow(/rec@1 is a recommender/);
    expect(() => checkMembers([a, { ref: 'txt@1', artifact: { format: 'lathe-text-artifact', family: 'nbsvm', task: 'binary' } }])).toThrow(/txt@1 is a text model \(nbsvm\)/);
    expect(() => checkMembers([a])).toThrow(/at least two members/);
  });
});
