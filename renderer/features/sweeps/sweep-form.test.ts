import { describe, expect, it } from 'vitest';
import { emptySweepForm, fixedValue, objectivesFor, spaceString, targetTask, toSweepArgs, validateSweep, withFamily, type SpaceRow } from './sweep-form';
import { spaceAxes } from './parallel';

const row = (p: Partial<SpaceRow>): SpaceRow => ({ key: 'k', kind: 'range', lo: '', hi: '', log: false, choices: '', ...p });

describe('sweep form', () => {
  it('writes space rows the way the host reads them', () => {
    expect(spaceString(row({ key: 'maxDepth', lo: '3', hi: '8' }))).toBe('maxDepth=3..8');
    expect(spaceString(row({ key: 'learningRate', lo: '0.01', hi: '0.3', log: true }))).toBe('learningRate=0.01..0.3:log');
    expect(spaceString(row({ key: 'growth', kind: 'choices', choices: 'depthwise | leafwise|' }))).toBe('growth=depthwise|leafwise');
  });

  it('sends fixed values as typed, for the host to check against the schema', () => {
    expect(fixedValue(' 30 ')).toBe('30');
    expect(fixedValue('64,32')).toBe('64,32');
  });

  it('builds sweeps.start arguments', () => {
    const f = { ...emptySweepForm('ds', 'y'), method: 'random' as const, trials: '4', space: [row({ key: 'maxDepth', lo: '2', hi: '6' })], fixed: [{ key: 'trees', value: '30' }] };
    expect(validateSweep(f)).toEqual({});
    expect(toSweepArgs(f)).toEqual({ dataset: 'ds', target: 'y', family: 'gbdt', method: 'random', trials: 4, space: ['maxDepth=2..6'], params: { trees: '30' }, stopEarly: true });
  });

  it('names what is wrong, row by row', () => {
    const f = {
      ...emptySweepForm(),
      trials: '0',
      space: [row({ key: 'maxDepth', lo: '8', hi: '3' }), row({ key: 'learningRate', lo: '0', hi: '1', log: true }), row({ key: 'g', kind: 'choices', choices: 'a' }), row({ key: 'maxDepth', lo: '1', hi: '2' })],
      fixed: [{ key: 'learningRate', value: '0.1' }],
    };
    const e = validateSweep(f);
    expect(Object.keys(e).sort()).toEqual(['dataset', 'fixed.0', 'space.0', 'space.1', 'space.2', 'space.3', 'target', 'trials']);
    expect(e['space.0']).toMatch(/low end/);
    expect(e['space.1']).toMatch(/log/);
  });

  it("checks names and ranges against the family's schema, as the host does", () => {
    const f = {
      ...emptySweepForm('ds', 'y'),
      space: [row({ key: 'trees', lo: '10', hi: '50' }), row({ key: 'epochs', lo: '1', hi: '5' }), row({ key: 'maxDepth', lo: '2', hi: '99' })],
      fixed: [{ key: 'hiddenLayers', value: '64' }],
    };
    const e = validateSweep(f);
    expect(e['space.0']).toBeUndefined();
    expect(e['space.1']).toBe("gbdt has no parameter 'epochs'.");
    expect(e['space.2']).toMatch(/^maxDepth must be in \[\d+, \d+\]; the range reaches 99\.$/);
    expect(e['fixed.0']).toMatch(/^gbdt has no parameter 'hiddenLayers'/);
    expect(validateSweep({ ...withFamily(f, 'mlp'), space: [row({ key: 'epochs', lo: '1', hi: '5' })], fixed: [] })).toEqual({});
  });

  it('offers the objectives of the target’s task, decided by the host’s rule', () => {
    expect(targetTask('float', [1.5, 2.25, 3, 4, 5])).toBe('regression');
    expect(targetTask('integer', [0, 1, null])).toBe('binary');
    expect(targetTask('categorical', ['<=50K', '>50K', 'x'])).toBe('multiclass');
    expect(objectivesFor('regression')).toEqual(['rmse', 'mae', 'r2', 'mape']);
    expect(objectivesFor('binary')).not.toContain('rmse');
    expect(objectivesFor(null)).toHaveLength(9);
  });

  it('gives each family its own starting space', () => {
    expect(withFamily(emptySweepForm(), 'linear').space.map(spaceString)).toEqual(['l2=0.0001..10:log']);
  });

  it('reads axes back from space strings', () => {
    expect(spaceAxes(['maxDepth=2..6', 'learningRate=0.01..0.3:log', 'growth=depthwise|leafwise'])).toEqual([
      { key: 'maxDepth', kind: 'value', choices: [], int: true, lo: 2, hi: 6 },
      { key: 'learningRate', kind: 'log', choices: [], int: false, lo: 0.01, hi: 0.3 },
      { key: 'growth', kind: 'category', choices: ['depthwise', 'leafwise'], int: false },
    ]);
  });
});
