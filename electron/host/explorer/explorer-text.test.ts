import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importFile } from '../../../tests/helpers/core-fixture';
import { sampleImport } from '../datasets/samples';
import type { ApiError } from '../../../shared/api/errors';

let fx: ReturnType<typeof coreFixture>;
let nbsvm: string;
let linear: string;
let lexicon: string;

async function train(args: Parameters<typeof fx.core.call<'runs.start'>>[1]) {
  const { runId, jobId } = await fx.core.call('runs.start', args);
  expect((await fx.core.ctx.jobs.wait(jobId)).status).toBe('succeeded');
  return runId;
}

async function rejection(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    return err as ApiError;
  }
  throw new Error('expected a rejection');
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const logOdds = (p: number) => Math.log(p / (1 - p));
const SENTENCE = 'the food was not good at all';

beforeAll(async () => {
  fx = coreFixture();
  const yelp = sampleImport('yelp-sentiment');
  await importFile(fx.core, { ...yelp.options, path: yelp.path, name: 'yelp' });
  nbsvm = await train({ dataset: 'yelp', target: 'label', family: 'nbsvm', params: { C: 1 } });
  linear = await train({ dataset: 'yelp', target: 'label', family: 'linear', params: { textC: 10 } });
  lexicon = await train({ dataset: 'yelp', target: 'label', family: 'lexicon' });
}, 120_000);
afterAll(() => fx.close());

describe('explorer: text runs', () => {
  it('describes a text run: its one text column and how its words are explained', async () => {
    const s = await fx.core.call('explorer.schema', { model: nbsvm });
    expect(s).toMatchObject({ family: 'nbsvm', task: 'binary', target: 'label', classes: ['0', '1'], text: { column: 'text', method: 'coefficient' }, explainMethod: 'linear', explainSpace: 'log-odds' });
    expect(s.inputs.map((i) => [i.column, i.kind])).toEqual([['text', 'text']]);
    expect((await fx.core.call('explorer.schema', { model: lexicon })).text).toEqual({ column: 'text', method: 'lexicon' });
  });

  for (const family of ['nbsvm', 'linear'] as const) {
    it(`${family}: a negative sentence, its words adding up with the intercept to the log-odds the run predicts`, async () => {
      const model = family === 'nbsvm' ? nbsvm : linear;
      const r = await fx.core.call('explorer.predict', { model, rows: [{ text: SENTENCE }, { text: 'Loved it, great service!' }], explain: true });
      expect(r.predictions.map((p) => p.label)).toEqual(['0', '1']);
      expect(r.engine).toBe('lathe');
      expect(r.explanations).toBeNull();
      for (const [i, p] of r.predictions.entries()) {
        const e = r.textExplanations![i];
        expect(e.output).toBe(p.label);
        expect(e.intercept! + sum(e.tokens.map((t) => t.contribution))).toBeCloseTo(logOdds(p.probabilities![p.label!]), 6);
      }
      for (const t of r.textExplanations![0].tokens) expect(SENTENCE.slice(t.start, t.end)).toBe(t.token.replace(/^NEG_/, ''));
      // Another class explained: the same words, opposite signs.
      const other = await fx.core.call('explorer.predict', { model, rows: [{ text: SENTENCE }], explain: true, explainClass: '1' });
      const e = other.textExplanations![0];
      expect(e.output).toBe('1');
      e.tokens.forEach((t, k) => expect(t.contribution).toBeCloseTo(-r.textExplanations![0].tokens[k].contribution, 9));
    });
  }

  it('the lexicon: the run’s classes with probabilities, its words with their valences', async () => {
    const r = await fx.core.call('explorer.predict', { model: lexicon, rows: [{ text: 'The soup was awful 😡' }], explain: true });
    expect(r.predictions[0].label).toBe('0');
    expect(r.predictions[0].probabilities!['0']).toBeGreaterThan(0.5);
    const e = r.textExplanations![0];
    expect(e).toMatchObject({ method: 'lexicon', space: 'score', output: 'negative' });
    expect(e.tokens.map((t) => t.token)).toEqual(['awful', '😡']);
    expect(e.tokens.every((t) => t.valence! < 0 && t.contribution < 0)).toBe(true);
  });

  it('refuses what a text run cannot do, by name', async () => {
    expect((await rejection(fx.core.call('explorer.predict', { model: nbsvm, rows: [{ review: 'x' }] }))).message).toMatch(/rows\.0\.review: not an input of this model \(inputs: text\)/);
    expect((await rejection(fx.core.call('explorer.predict', { model: nbsvm, rows: [{ text: 'x' }], explain: true, explainClass: 'maybe' }))).code).toBe('bad_request');
    expect((await rejection(fx.core.call('explorer.pdp', { model: nbsvm, column: 'text' }))).message).toMatch(/reads one text column/);
  });

  it('batch-predicts a CSV of texts, and says which column a file lacks', async () => {
    const csv = path.join(fx.home, 'reviews.csv');
    fs.writeFileSync(csv, 'id,text\n1,"Great pizza, friendly staff!"\n2,the food was not good at all\n3,\n');
    const f = await fx.core.call('explorer.predictTexts', { model: nbsvm, input: csv });
    expect(f.fileName).toBe('reviews-predictions.csv');
    expect(f.rows).toBe(3);
    expect(f.text).not.toContain('\r'); // line ends as the prediction job writes them
    const lines = f.text.trim().split('\n');
    expect(lines[0]).toBe('id,text,predicted_label,probability_0,probability_1');
    expect(lines[1]).toMatch(/^1,"Great pizza, friendly staff!",1,0\.\d+,0\.\d+$/);
    expect(lines[2]).toMatch(/^2,the food was not good at all,0,/);
    // The same numbers as the what-if answer.
    const one = await fx.core.call('explorer.predict', { model: nbsvm, rows: [{ text: SENTENCE }] });
    expect(Number(lines[2].split(',')[3])).toBeCloseTo(one.predictions[0].probabilities!['0'], 6);
    expect(fs.existsSync(csv)).toBe(true); // not an upload: the user's file stays

    const bad = path.join(fx.home, 'no-text.csv');
    fs.writeFileSync(bad, 'a,b\n1,2\n');
    expect((await rejection(fx.core.call('explorer.predictTexts', { model: nbsvm, input: bad }))).message).toMatch(/no-text\.csv lacks the column the model needs: text/);
    expect((await rejection(fx.core.call('explorer.predictTexts', { model: nbsvm, input: path.join(fx.home, 'nope.csv') }))).code).toBe('not_found');
  });
});
