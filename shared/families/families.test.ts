import { describe, expect, it } from 'vitest';
import { FAMILY_IDS, coerceParam, defaultsOf, familySpec, paramSchema, resolveParams, storedParams, suggestedSpace, sweepDimProblem, taskOf } from './index';
import { parseDim } from './space';

describe('family schemas', () => {
  it('give every parameter a default inside its own range and a line of help', () => {
    for (const family of FAMILY_IDS) {
      for (const [key, spec] of Object.entries(familySpec(family).params)) {
        expect(paramSchema(spec).safeParse(spec.default).success, `${family}.${key}`).toBe(true);
        expect(spec.help.length, `${family}.${key}`).toBeGreaterThan(10);
      }
    }
  });

  it('suggest a first sweep inside each parameter’s limits', () => {
    for (const family of FAMILY_IDS) {
      const space = suggestedSpace(family);
      expect(space.length, family).toBeGreaterThan(0);
      for (const s of space) expect(sweepDimProblem(family, parseDim(s)), s).toBeNull();
    }
  });

  it('turn form and command-line text into typed values, and name the parameter and the rule when wrong', () => {
    expect(resolveParams('mlp', { hidden: '128, 64', epochs: '5', learningRate: '0.01' })).toMatchObject({ hidden: [128, 64], epochs: 5, learningRate: 0.01 });
    expect(resolveParams('forest', { bootstrap: 'false' }).bootstrap).toBe(false);
    expect(resolveParams('gbdt', { growth: 'leafwise' }).growth).toBe('leafwise');
    expect(() => coerceParam('gbdt', 'trees', '2.5')).toThrow(/Invalid gbdt parameter 'trees' = '2.5': must be a whole number/);
    expect(() => coerceParam('gbdt', 'subsample', 0)).toThrow(/must be above 0/);
    expect(() => coerceParam('gbdt', 'growth', 'sideways')).toThrow(/must be one of depthwise, leafwise/);
    try {
      resolveParams('linear', { depth: 3 });
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ code: 'bad_request', details: { field: 'params.depth' } });
      expect(String(err)).toMatch(/linear has no parameter 'depth' \(it has: l2, maxIter, textC\)/);
    }
  });

  it('fill every parameter the caller left out with the schema default', () => {
    for (const family of FAMILY_IDS) expect(resolveParams(family, {})).toEqual(defaultsOf(familySpec(family)));
  });

  it('refuse sweep dimensions the family does not have or cannot take', () => {
    expect(sweepDimProblem('gbdt', parseDim('maxDepth=2..8'))).toBeNull();
    expect(sweepDimProblem('gbdt', parseDim('depth=2..8'))).toMatch(/no parameter 'depth'/);
    expect(sweepDimProblem('gbdt', parseDim('colsample=0.5..1.5'))).toMatch(/colsample must be in \(0, 1\]; the range reaches 1.5/);
    expect(sweepDimProblem('gbdt', parseDim('trees=10.5..20.5'))).toMatch(/takes whole numbers/);
    expect(sweepDimProblem('gbdt', parseDim('growth=depthwise|sideways'))).toMatch(/'sideways' is not a valid growth/);
    expect(sweepDimProblem('mlp', parseDim('hidden=32|64,32'))).toBeNull();
  });

  it('read parameters stored before early stopping was the gbdt default as those runs trained', () => {
    expect(storedParams('gbdt', { trees: 300 })).toMatchObject({ trees: 300, earlyStopping: 'off', earlyStoppingRounds: 0, validationFraction: 0.1 });
    expect(storedParams('gbdt', { earlyStoppingRounds: 20 })).toMatchObject({ trees: 200, earlyStopping: 'on', earlyStoppingRounds: 20 });
    expect(storedParams('gbdt', {})).toMatchObject({ trees: 200, earlyStopping: 'off' });
    // A run stored since keeps what it stored.
    const now = resolveParams('gbdt', {});
    expect(storedParams('gbdt', now)).toEqual(now);
    expect(storedParams('linear', { l2: 1 })).toEqual({ l2: 1 });
  });
});

describe('the task rule', () => {
  it('decides binary, multiclass and regression from the target’s type and values', () => {
    expect(taskOf({ numeric: true, boolean: false, distinct: [0, 1] })).toBe('binary');
    expect(taskOf({ numeric: false, boolean: false, distinct: ['a', 'b', 'c'] })).toBe('multiclass');
    expect(taskOf({ numeric: true, boolean: false, distinct: [1, 2, 3, 4] })).toBe('multiclass');
    expect(taskOf({ numeric: true, boolean: false, distinct: [1.5, 2, 3] })).toBe('regression');
    expect(taskOf({ numeric: true, boolean: false, distinct: Array.from({ length: 11 }, (_, i) => i) })).toBe('regression');
  });
});
