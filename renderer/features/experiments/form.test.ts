import { describe, expect, it } from 'vitest';
import { emptyForm, toArgs, validate } from './form';
import { FAMILIES, FAMILY_IDS, familySpec, resolveParams } from '../../../shared/families/index';

describe('new run form', () => {
  it('turns the defaults into runs.start arguments', () => {
    const f = { ...emptyForm('ds'), target: 'price' };
    expect(validate(f)).toEqual({});
    const args = toArgs(f);
    expect(args).toMatchObject({ dataset: 'ds', target: 'price', exclude: [], family: 'gbdt', seed: 42, split: { kind: 'random', testFraction: 0.2 } });
    // The fields are the schema's form parameters, filled with its defaults as text.
    const formKeys = Object.entries(familySpec('gbdt').params).filter(([, s]) => s.form).map(([k]) => k);
    expect(Object.keys(args.params ?? {})).toEqual(formKeys);
    expect(args.params?.trees).toBe(String(FAMILIES.gbdt.params.trees.default));
  });

  it('sends, for every family, values that resolve to the engine defaults', () => {
    for (const family of FAMILY_IDS) {
      const args = toArgs({ ...emptyForm('ds'), target: 'y', family });
      expect(resolveParams(family, args.params)).toEqual(resolveParams(family, {}));
    }
  });

  it('checks each field with the family schema and says why', () => {
    const f = { ...emptyForm('ds'), target: 'y', family: 'mlp' as const };
    const bad = { ...f, params: { ...f.params, mlp: { ...f.params.mlp, hidden: '64,x', epochs: '0', learningRate: '2' } } };
    const e = validate(bad);
    expect(e['params.hidden']).toMatch(/whole numbers/i);
    expect(e['params.epochs']).toMatch(/at least 1/);
    expect(e['params.learningRate']).toMatch(/at most 1/);
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
    expect(toArgs({ ...base, family: 'mlp', params: { ...base.params, mlp: { hidden: '128, 64', epochs: '5', learningRate: '0.01' } } }).params).toEqual({ hidden: '128, 64', epochs: '5', learningRate: '0.01' });
    expect(resolveParams('mlp', { hidden: '128, 64' }).hidden).toEqual([128, 64]);
  });
});
