/**
 * Text runs' exports: linear and nbsvm as ONNX with tokenizer.mjs, textnet as TF.js, each parity-checked
 * against the app on the held-out texts; the written bundle predicts on its own (its tokenizer, its graph).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture } from '../../../tests/helpers/core-fixture';
import { loadOrt } from './ort';
import { loadTextModel, type TextModelArtifact } from '../../../models/train/index';

let fx: ReturnType<typeof coreFixture>;
let yelp: string;

async function train(args: Parameters<typeof fx.core.call<'runs.start'>>[1]) {
  const { runId, jobId } = await fx.core.call('runs.start', args);
  await fx.core.jobResult('runs.train', jobId);
  return runId;
}

beforeAll(async () => {
  fx = coreFixture();
  const { jobId } = await fx.core.call('datasets.importSample', { id: 'yelp-sentiment' });
  yelp = (await fx.core.jobResult('datasets.import', jobId)).id;
});
afterAll(() => fx.close());

const SENTENCES = ["I didn't like the food at all.", 'Great service, loved it 😀', 'not bad', ''];

describe('text export', () => {
  it.each([['nbsvm', { C: 1 }], ['linear', { textC: 10 }]] as const)('exports %s to ONNX with its tokenizer; the bundle alone predicts as the app', async (family, params) => {
    const runId = await train({ dataset: yelp, target: 'label', family, params });
    await fx.core.call('models.register', { runId, name: `yelp-${family}` });
    const out = path.join(fx.home, `bundle-${family}`);
    const r = await fx.core.call('models.export', { model: `yelp-${family}@1.0.0`, outDir: out });
    expect(r.parity).toMatchObject({ passed: true, labelMismatches: 0, rows: 200 });
    expect(r.parity.maxRel).toBeLessThan(1e-4);
    expect(r.inputs.map((i) => i.name)).toEqual(['words', 'chars']);
    expect(fs.readdirSync(out).sort()).toEqual(['README.md', 'manifest.json', 'model.onnx', 'serve-node.mjs', 'tokenizer.mjs']);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ family, textColumn: 'text', classes: [0, 1], tokens: { words: true, chars: true } });
    // The shipped tokenizer has no imports; with the graph it gives the app's probabilities on new sentences.
    const source = fs.readFileSync(path.join(out, 'tokenizer.mjs'), 'utf8');
    expect(source).not.toMatch(/^\s*import\s/m);
    const { textFeeds } = await import(pathToFileURL(path.join(out, 'tokenizer.mjs')).href);
    const ort = loadOrt();
    const session = await ort.InferenceSession.create(path.join(out, 'model.onnx'));
    const feeds = Object.fromEntries(Object.entries(textFeeds(SENTENCES, manifest.tokens) as Record<string, { data: string[]; dims: number[] }>)
      .map(([k, f]) => [k, new ort.Tensor('string', f.data, f.dims)]));
    const got = (await session.run(feeds)).probabilities.data as Float32Array;
    const app = await loadTextModel(fx.core.ctx.repos.runs.artifact<TextModelArtifact>(runId, 'model')!);
    const want = app.predictProba(SENTENCES);
    for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-6);
    expect(Array.from((await session.run(feeds)).class_label.data as string[]).slice(0, 2)).toEqual(['0', '1']);
  }, 60_000);

  it('exports textnet as TF.js with vocabulary and tokenizer; refuses the formats a text family has not', async () => {
    const runId = await train({ dataset: yelp, target: 'label', family: 'textnet', params: { maxEpochs: 4 } });
    const out = path.join(fx.home, 'textnet');
    const r = await fx.core.call('models.export', { model: runId, format: 'tfjs', outDir: out });
    expect(r.parity).toMatchObject({ passed: true, labelMismatches: 0 });
    expect(fs.readdirSync(out).sort()).toEqual(['README.md', 'manifest.json', 'model.json', 'tokenizer.mjs', 'vocabulary.json', 'weights.bin']);
    await expect(fx.core.call('models.export', { model: runId, outDir: path.join(fx.home, 'x') })).rejects.toThrow('textnet exports as tfjs');
    const lexicon = await train({ dataset: yelp, target: 'label', family: 'lexicon' });
    await expect(fx.core.call('models.export', { model: lexicon, outDir: path.join(fx.home, 'y') })).rejects.toThrow('lexicon text models do not export to ONNX');
    const nb = await train({ dataset: yelp, target: 'label', family: 'nbsvm', params: { C: 1 } });
    await expect(fx.core.call('models.export', { model: nb, format: 'tfjs', outDir: path.join(fx.home, 'z') })).rejects.toThrow('exports as onnx');
  }, 60_000);
});
