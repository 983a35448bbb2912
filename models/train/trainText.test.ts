import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeFrame, numericColumn, stringColumn, type Frame } from '../frame/frame';
import { loadTextModel, trainRun } from './index';
import type { TextModelArtifact } from './types';

/** A labelled sentence file of the sentiment sample as a frame (text, label). */
export function sentimentFrame(file = 'yelp_labelled.txt'): Frame {
  const lines = fs.readFileSync(path.join(__dirname, '../../resources/samples/sentiment', file), 'utf8').split('\n').filter((l) => l.trim());
  return makeFrame([
    stringColumn('text', lines.map((l) => l.slice(0, l.lastIndexOf('\t'))), 'text'),
    numericColumn('label', lines.map((l) => Number(l.slice(l.lastIndexOf('\t') + 1))), 'integer'),
  ]);
}

const yelp = sentimentFrame();
const split = { kind: 'random' as const, testFraction: 0.2, seed: 42 };

describe('text runs', () => {
  it('nbsvm on the yelp sentences: accuracy in the benchmark range, top terms, artifact that predicts the same', async () => {
    const r = await trainRun(yelp, { target: 'label', family: 'nbsvm', split, params: { C: 1 } });
    expect(r.task).toBe('binary');
    expect(r.metrics.accuracy).toBeGreaterThan(0.8);
    expect(r.metrics.accuracy).toBeLessThan(0.93);
    expect(r.metrics.auc).toBeGreaterThan(0.88);
    const a = r.artifact as TextModelArtifact;
    expect(a).toMatchObject({ format: 'lathe-text-artifact', family: 'nbsvm', textColumn: 'text', features: ['text'], classes: [0, 1], ignored: [] });
    expect(r.importance.slice(0, 10).map((i) => i.feature)).toContain('great → 1');
    const loaded = await loadTextModel(JSON.parse(JSON.stringify(a)));
    const rowsFrame = makeFrame([stringColumn('text', Array.from(r.predictions.rows, (i) => (yelp.columns[0].values as string[])[i]), 'text')]);
    expect(Array.from(loaded.predict(rowsFrame).probabilities!)).toEqual(Array.from(r.predictions.probabilities!));
    expect(loaded.predictTexts(['The food was great.', 'Awful, never again.']).labels).toEqual([1, 0]);
  });

  it('linear on one text column trains the tf-idf model, seeded: the same run twice gives the same artifact', async () => {
    const spec = { target: 'label', family: 'linear' as const, split, params: { textC: 10 } };
    const [a, b] = [await trainRun(yelp, spec), await trainRun(yelp, spec)];
    expect(a.artifact.format).toBe('lathe-text-artifact');
    expect(JSON.stringify(b.artifact)).toBe(JSON.stringify(a.artifact));
    expect(b.metrics).toEqual(a.metrics);
    expect(a.metrics.accuracy).toBeGreaterThan(0.8);
    expect(a.curves.train.length).toBeGreaterThan(5);
    // With another feature column beside the text, linear stays the tabular pipeline.
    const withLength = makeFrame([...yelp.columns, numericColumn('length', (yelp.columns[0].values as string[]).map((t) => t.length))]);
    expect((await trainRun(withLength, { ...spec, split: { ...split, testFraction: 0.5 } })).artifact.format).toBe('lathe-model');
  });

  it('lexicon maps its score to 0/1 labels without training and to neg/neu/pos', async () => {
    const r = await trainRun(yelp, { target: 'label', family: 'lexicon', split });
    expect(r.metrics.accuracy).toBeGreaterThan(0.75);
    expect(r.notes).toContain('The lexicon trains nothing; classes read as 0 = negative, 1 = positive.');
    expect(r.importance[0].feature).toMatch(/→ (positive|negative)$/);
    const three = makeFrame([
      stringColumn('review', ['I love it', 'It is a table', 'I hate it', 'Great stuff', 'A chair', 'Terrible stuff'], 'text'),
      stringColumn('mood', ['pos', 'neu', 'neg', 'pos', 'neu', 'neg']),
    ]);
    const m = await trainRun(three, { target: 'mood', family: 'lexicon', split: { kind: 'kfold', k: 2, seed: 1 } });
    expect(m.task).toBe('multiclass');
    expect(m.metrics.accuracy).toBe(1);
  });

  it('refuses bad input with the column named', async () => {
    const other = makeFrame([...yelp.columns, stringColumn('title', yelp.columns[0].values as string[], 'text')]);
    await expect(trainRun(other, { target: 'label', family: 'nbsvm', split })).rejects.toThrow("nbsvm trains on one text column; the features hold 2: 'text', 'title' (exclude all but one)");
    const numeric = makeFrame([numericColumn('x', [1, 2, 3, 4]), numericColumn('y', [0, 1, 0, 1], 'integer')]);
    await expect(trainRun(numeric, { target: 'y', family: 'textnet', split })).rejects.toThrow("textnet trains on one text column; the features are 'x', none of type text");
    const one = makeFrame([stringColumn('text', ['a', 'b', 'c'], 'text'), numericColumn('label', [1, 1, 1], 'integer')]);
    await expect(trainRun(one, { target: 'label', family: 'nbsvm', split })).rejects.toThrow("'label' has one value");
    const empty = makeFrame([stringColumn('text', ['', null, ' ', ''], 'text'), numericColumn('label', [0, 1, 0, 1], 'integer')]);
    await expect(trainRun(empty, { target: 'label', family: 'nbsvm', split })).rejects.toThrow("The text column 'text' is empty");
    const stars = makeFrame([stringColumn('text', ['good', 'bad', 'ok', 'fine'], 'text'), stringColumn('grade', ['A', 'B', 'C', 'A'])]);
    await expect(trainRun(stars, { target: 'grade', family: 'lexicon', split })).rejects.toThrow("the target 'grade' must hold sentiment labels (0/1, -1/1, -1/0/1, negative/positive or neg/pos (with neutral or neu for a third class)); it has 'A', 'B', 'C'");
  });
});
