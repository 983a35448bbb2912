import { describe, expect, it } from 'vitest';
import { LinearTextModel } from './linear';
import { NbsvmModel } from './nbsvm';
import { TextnetModel } from './textnet';
import { loadTextClassifier } from './index';
import type { TextClassifier } from './types';

// A small corpus where the class is decided by a few words, some of them negated.
const POS = ['great food', 'loved the staff', 'really great place', 'excellent service', 'not bad at all', 'loved it', 'great value', 'excellent and friendly'];
const NEG = ['awful food', 'hated the staff', 'really awful place', 'terrible service', 'not good at all', 'hated it', 'awful value', 'terrible and rude'];
const texts = [...POS, ...NEG, ...POS.map((t) => t + ' here'), ...NEG.map((t) => t + ' here')];
const labels = texts.map((_, i) => (i % 16 < 8 ? 'pos' : 'neg'));

async function roundTrip(m: TextClassifier): Promise<TextClassifier> {
  return loadTextClassifier(JSON.parse(JSON.stringify(m.toJSON())));
}

function expectSeparates(m: TextClassifier): void {
  expect(m.classes).toEqual(['neg', 'pos']);
  expect(m.predict(['great staff', 'awful staff'])).toEqual(['pos', 'neg']);
  const P = m.predictProba(['great staff']);
  expect(P.length).toBe(2);
  expect(P[0] + P[1]).toBeCloseTo(1, 6);
}

describe('text classifiers', () => {
  it('linear: learns, explains by coefficient × tf-idf, round-trips exactly', async () => {
    const m = await LinearTextModel.fit(texts, labels, { C: 10 });
    expectSeparates(m);
    const e = m.explain('the food was great');
    expect(e.label).toBe('pos');
    const great = e.tokens.find((t) => t.token === 'great')!;
    expect(great.contribution).toBeGreaterThan(0);
    expect(great.contribution).toBeGreaterThan(Math.max(...e.tokens.filter((t) => t !== great).map((t) => t.contribution)));
    // Contributions add up to the logit less the intercept.
    const logit = m.decision(['the food was great'])[0];
    expect(e.tokens.reduce((a, t) => a + t.contribution, 0)).toBeCloseTo(logit - e.intercept, 9);
    const back = await roundTrip(m);
    expect(Array.from(back.predictProba(texts))).toEqual(Array.from(m.predictProba(texts)));
  });

  it('linear: tunes C by inner cross-validation, handles three classes and a lexicon feature', async () => {
    const three = [...labels.map((l, i) => (i % 4 === 0 ? 'mixed' : l))];
    const m = await LinearTextModel.fit(texts, three, { cGrid: [0.1, 10], innerFolds: 3, lexiconFeature: true });
    expect(m.tuning?.map((t) => t.C)).toEqual([0.1, 10]);
    expect(m.classes).toEqual(['mixed', 'neg', 'pos']);
    const P = m.predictProba(['great staff']);
    expect(P.length).toBe(3);
    expect(P[0] + P[1] + P[2]).toBeCloseTo(1, 9);
    const e = m.explain('great staff', 'neg');
    expect(e.label).toBe('neg');
    expect(e.features.some((f) => f.kind === 'lexicon')).toBe(true);
    const back = await roundTrip(m);
    expect(Array.from(back.predictProba(texts))).toEqual(Array.from(m.predictProba(texts)));
  });

  it('nbsvm: learns, explains, round-trips exactly (binary and one-vs-rest)', async () => {
    const m = await NbsvmModel.fit(texts, labels, { C: 1 });
    expectSeparates(m);
    expect(m.explain('awful service').tokens.find((t) => t.token === 'awful')!.contribution).toBeGreaterThan(0);
    expect(m.explain('awful service', 'pos').tokens.find((t) => t.token === 'awful')!.contribution).toBeLessThan(0);
    const back = await roundTrip(m);
    expect(Array.from(back.predictProba(texts))).toEqual(Array.from(m.predictProba(texts)));
    const three = await NbsvmModel.fit(texts, labels.map((l, i) => (i % 4 === 0 ? 'mixed' : l)), { C: 1 });
    expect(three.models.length).toBe(3);
    const P = three.predictProba(['great staff']);
    expect(P[0] + P[1] + P[2]).toBeCloseTo(1, 9);
  });

  it('textnet: learns, reports each epoch, stops on request, explains by occlusion, is seeded and round-trips exactly', async () => {
    const params = { backends: ['cpu' as const], learningRate: 0.05, maxEpochs: 40, patience: 40, validationShare: 0 };
    const metrics: number[] = [];
    const m = await TextnetModel.fit(texts, labels, params, { onMetrics: (step) => metrics.push(step) });
    expect(metrics.length).toBe(40);
    expectSeparates(m);
    const e = m.explain('great staff');
    expect(e.method).toBe('occlusion');
    expect(e.tokens.find((t) => t.token === 'great')!.contribution).toBeGreaterThan(0);
    const again = await TextnetModel.fit(texts, labels, params);
    expect(Array.from(again.predictProba(texts))).toEqual(Array.from(m.predictProba(texts)));
    const back = await roundTrip(m);
    expect(Array.from(back.predictProba(texts))).toEqual(Array.from(m.predictProba(texts)));
    let stops = 0;
    const stopped = await TextnetModel.fit(texts, labels, params, { shouldStop: () => ++stops > 3 });
    expect(stopped.epochs).toBe(3);
    for (const x of [m, again, back as TextnetModel, stopped]) x.dispose();
  });
});
