import { describe, expect, it } from 'vitest';
import { fitTextClassifier, type TextClassifier } from '../../../models/text/index';
import { makeFrame, stringColumn } from '../../../models/frame/frame';
import { trainModel } from '../../../models/train/trainModel';
import type { ModelArtifact } from '../../../models/train/types';
import type { ExplorerModel } from './explorer-model';
import { textViewOf } from './text-model';
import { pipelineWords, predictTextRows } from './text-predict';

// Reviews whose class is decided by a few words, some of them negated.
const POS = ['great food', 'loved the staff', 'really great place', 'excellent service', 'not bad at all', 'loved it', 'great value', 'good and friendly'];
const NEG = ['awful food', 'hated the staff', 'really awful place', 'terrible service', 'not good at all', 'hated it', 'awful value', 'terrible and rude'];
const texts = [...POS, ...NEG, ...POS.map((t) => t + ' here'), ...NEG.map((t) => t + ' here')];
const labels = texts.map((_, i) => (i % 16 < 8 ? '1' : '0'));

/** A run of a text family as the explorer holds it: the classifier's JSON in the artifact's model slot. */
function explorerModel(artifact: Partial<ModelArtifact>): ExplorerModel {
  const a = { format: 'lathe-model', version: 1, task: 'binary', target: 'label', features: ['review'], classes: ['0', '1'], interval: null, ...artifact } as ModelArtifact;
  const columns = new Map([['review', { position: 0, name: 'review', type: 'text' as const, missing: 0 }]]);
  const text = textViewOf(a, (name) => columns.get(name)?.type);
  return { runId: 'r', runName: 'r', datasetId: 'd', datasetName: null, artifact: a, columns, onnx: null, onnxUnavailable: 'text', sample: makeFrame([]), totalRows: 0, ranges: new Map(), text };
}

const textRun = (c: TextClassifier, classes = ['0', '1']) =>
  explorerModel({ family: c.family as ModelArtifact['family'], model: c.toJSON() as unknown as ModelArtifact['model'], classes, task: classes.length > 2 ? 'multiclass' : 'binary' });

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const logOdds = (p: number) => Math.log(p / (1 - p));

describe('text models in the explorer', () => {
  it('nbsvm: the words add up with the intercept to the explained class’s log-odds, and offsets point at the words', async () => {
    const m = textRun(await fitTextClassifier('nbsvm', texts, labels, { C: 1 }));
    expect(m.text).toEqual({ column: 'review', method: 'coefficient' });
    const sentence = 'the food was not good at all';
    const r = await predictTextRows(m, m.text!, [{ review: sentence }], true);
    const p = r.predictions[0];
    expect(p.label).toBe('0');
    expect(p.probabilities!['0'] + p.probabilities!['1']).toBeCloseTo(1, 9);
    const e = r.textExplanations![0];
    expect(e).toMatchObject({ column: 'review', method: 'coefficient', space: 'log-odds', output: '0' });
    // Checked against the probability the model gave, not against the explanation's own total.
    expect(e.intercept! + sum(e.tokens.map((t) => t.contribution))).toBeCloseTo(logOdds(p.probabilities!['0']), 6);
    expect(e.value).toBeCloseTo(logOdds(p.probabilities!['0']), 6);
    for (const t of e.tokens) expect(sentence.slice(t.start, t.end).toLowerCase()).toBe(t.token.replace(/^NEG_/, ''));
    expect(r.explanations).toBeNull();
    expect(r.engine).toBe('lathe');
  });

  it('nbsvm: explaining the other class flips the signs', async () => {
    const m = textRun(await fitTextClassifier('nbsvm', texts, labels, { C: 1 }));
    const [neg, pos] = await Promise.all(['0', '1'].map((c) => predictTextRows(m, m.text!, [{ review: 'great staff' }], true, c)));
    const a = neg.textExplanations![0], b = pos.textExplanations![0];
    expect(b.output).toBe('1');
    expect(b.intercept! + sum(b.tokens.map((t) => t.contribution))).toBeCloseTo(logOdds(pos.predictions[0].probabilities!['1']), 6);
    a.tokens.forEach((t, i) => expect(t.contribution).toBeCloseTo(-b.tokens[i].contribution, 9));
  });

  it('linear on a text column: three classes add up to the softmax logit; an unknown class is refused by name', async () => {
    const three = labels.map((l, i) => (i % 4 === 0 ? 'mixed' : l));
    const c = await fitTextClassifier('linear', texts, three, { C: 10 });
    const m = textRun(c, ['0', '1', 'mixed']);
    const r = await predictTextRows(m, m.text!, [{ review: 'hated it' }, { review: 'loved it' }], true);
    expect(r.predictions.map((p) => p.label)).toEqual(['0', '1']);
    const e = r.textExplanations![1];
    expect(e.space).toBe('logit');
    const logits = (c as unknown as { decision(t: string[]): Float64Array }).decision(['loved it']);
    expect(e.intercept! + sum(e.tokens.map((t) => t.contribution))).toBeCloseTo(logits[c.classes.indexOf('1')], 9);
    await expect(predictTextRows(m, m.text!, [{ review: 'x' }], true, 'maybe')).rejects.toThrow(/explainClass: 'maybe' is not a class/);
  });

  it('without explain, only predictions; a missing text predicts as empty', async () => {
    const m = textRun(await fitTextClassifier('nbsvm', texts, labels, { C: 1 }));
    const r = await predictTextRows(m, m.text!, [{ review: null }, { review: 'loved it' }], false);
    expect(r.textExplanations).toBeNull();
    expect(r.predictions[1].label).toBe('1');
  });

  it('the lexicon: word valences and shares of the compound score', async () => {
    const m = explorerModel({ family: 'lexicon' as ModelArtifact['family'] });
    expect(m.text?.method).toBe('lexicon');
    const r = await predictTextRows(m, m.text!, [{ review: 'The food was not good at all 😡' }], true);
    const e = r.textExplanations![0];
    expect(e.space).toBe('score');
    expect(e.value).toBeLessThan(0);
    const good = e.tokens.find((t) => t.token === 'good')!;
    expect(good.valence).toBeLessThan(0); // negated
    expect(e.tokens.some((t) => t.token === '😡' && t.end - t.start === 2)).toBe(true);
  });

  it("a lexicon run: the run's classes from the compound score, and its text column named by the artifact", async () => {
    const model = { format: 'lathe-lexicon-model', version: 1, sentiments: ['negative', 'positive'], neutralBand: 0.05, sharpness: 5 };
    const m = explorerModel({ family: 'lexicon' as ModelArtifact['family'], features: ['review'], model: model as unknown as ModelArtifact['model'], ...{ textColumn: 'review' } });
    const r = await predictTextRows(m, m.text!, [{ review: 'awful, just awful' }, { review: 'lovely staff' }], true);
    expect(r.predictions.map((p) => p.label)).toEqual(['0', '1']);
    expect(r.predictions[0].probabilities!['0']).toBeGreaterThan(0.5);
    expect(r.textExplanations![1].output).toBe('positive');
  });

  it('any model whose single input is a text column: occlusion with the in-app model', async () => {
    const frame = makeFrame([stringColumn('review', texts.concat(texts, texts), 'text'), stringColumn('label', labels.concat(labels, labels))]);
    const res = await trainModel(frame, { target: 'label', family: 'gbdt', params: { trees: 30, maxDepth: 3 }, split: { kind: 'random', testFraction: 0.2, seed: 1 } });
    const m = explorerModel(res.artifact);
    expect(m.text).toEqual({ column: 'review', method: 'occlusion' });
    const r = await predictTextRows(m, m.text!, [{ review: 'awful, awful food' }], true);
    const e = r.textExplanations![0];
    expect(e).toMatchObject({ method: 'occlusion', space: 'probability', output: r.predictions[0].label });
    expect(e.value).toBeCloseTo(r.predictions[0].probabilities![e.output], 12);
    expect(e.tokens.map((t) => t.token)).toEqual(['awful', 'awful', 'food']);
    expect(e.tokens.find((t) => t.token === 'awful')!.contribution).toBeGreaterThanOrEqual(0);
  });

  it('pipeline words keep UTF-16 offsets past emoji', () => {
    const text = '😀 ok, café!';
    expect(pipelineWords(text).map((w) => text.slice(w.start, w.end))).toEqual(['ok', 'café']);
  });

  it('tabular models get no text view', () => {
    const a = { features: ['a', 'b'], family: 'gbdt' } as unknown as ModelArtifact;
    expect(textViewOf(a, () => 'text')).toBeNull();
    expect(textViewOf({ features: ['a'], family: 'gbdt' } as unknown as ModelArtifact, () => 'float')).toBeNull();
  });
});
