import { describe, expect, it } from 'vitest';
import { emptyForm, toArgs, validate } from './form';

describe('new run form', () => {
  it('turns the defaults into runs.start arguments', () => {
    const f = { ...emptyForm('ds'), target: 'price' };
    expect(validate(f)).toEqual({});
    expect(toArgs(f)).toEqual({
      dataset: 'ds', target: 'price', exclude: [], family: 'gbdt', seed: 42, split: { kind: 'random', testFraction: 0.2 },
      params: { trees: 200, maxDepth: 6, learningRate: 0.1, minChildWeight: 1, l2: 1, subsample: 1, colsample: 1, earlyStoppingRounds: 0 },
    });
  });

  it('names the fields that need fixing, in runs.start terms', () => {
    const f = { ...emptyForm('ds'), params: { ...emptyForm().params, gbdt: { ...emptyForm().params.gbdt, trees: '0', learningRate: 'x' } }, split: 'kfold' as const, k: '1' };
    expect(Object.keys(validate(f)).sort()).toEqual(['params.learningRate', 'params.trees', 'split.k', 'target']);
  });

  it('builds each split kind and leaves the target out of the excluded columns', () => {
    const base = { ...emptyForm('ds'), target: 'y', exclude: ['y', 'id'], task: 'binary' as const };
    expect(toArgs({ ...base, split: 'kfold', k: '3' })).toMatchObject({ split: { kind: 'kfold', k: 3 }, exclude: ['id'], task: 'binary' });
    expect(toArgs({ ...base, split: 'time', timeColumn: 'day' }).split).toEqual({ kind: 'time', column: 'day', testFraction: 0.2 });
    expect(toArgs({ ...base, split: 'holdout', testDataset: 't' })).toMatchObject({ split: { kind: 'holdout' }, testDataset: 't' });
    expect(toArgs({ ...base, family: 'mlp' }).params).toEqual({ epochs: 30, learningRate: 0.001 });
    expect(toArgs({ ...base, family: 'mlp', params: { ...base.params, mlp: { hidden: '128, 64', epochs: '5', learningRate: '0.01' } } }).params).toEqual({ hidden: '128,64', epochs: 5, learningRate: 0.01 });
  });
});
