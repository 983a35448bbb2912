import { describe, expect, it } from 'vitest';
import { FOREST_DEFAULTS, GBDT_DEFAULTS, LINEAR_DEFAULTS, MLP_DEFAULTS } from '../../shared/families/index';
import { DEFAULT_GBDT_PARAMS } from '../gbdt/params';
import { DEFAULT_FOREST_PARAMS } from '../forest/forest';
import { DEFAULT_LINEAR_PARAMS } from '../linear/linear';
import { DEFAULT_MLP_PARAMS } from '../mlp/mlp';

/** The engine's defaults are the family schemas' (shared/families), plus what only the engine sets. */
describe('engine defaults', () => {
  it('are the schema defaults for every family', () => {
    const { numClasses, seed, ...gbdt } = DEFAULT_GBDT_PARAMS;
    expect({ numClasses, seed }).toEqual({ numClasses: 0, seed: 0 });
    expect(gbdt).toEqual(GBDT_DEFAULTS);
    const { seed: fs, ...forest } = DEFAULT_FOREST_PARAMS;
    expect(fs).toBe(0);
    expect(forest).toEqual(FOREST_DEFAULTS);
    expect(DEFAULT_LINEAR_PARAMS).toEqual(LINEAR_DEFAULTS);
    const { seed: ms, ...mlp } = DEFAULT_MLP_PARAMS;
    expect(ms).toBe(0);
    expect(mlp).toEqual(MLP_DEFAULTS);
  });
});
