import { describe, expect, it } from 'vitest';
import { checkForecastSpace, spaceLines, suggestedForecastSpace, sweepable } from './sweep-form';

describe('forecast sweep form', () => {
  it('starts from the schema ranges of the model', () => {
    expect(suggestedForecastSpace('decomposable')).toEqual(['changepointPriorScale=0.001..0.5:log', 'seasonalityMode=additive|multiplicative']);
    expect(suggestedForecastSpace('ets')).toEqual(['trend=N|A|Ad', 'season=N|A|M']);
    expect(sweepable('naive')).toBe(false);
    expect(sweepable('theta')).toBe(true);
  });

  it('checks every line with the host rule and names the line', () => {
    expect(checkForecastSpace('theta', ['theta=1..4'])).toEqual({});
    const e = checkForecastSpace('theta', ['theta=1..40', 'trees=1..3', 'theta=2|3', 'nonsense']);
    expect(e[0]).toContain('theta must be in [0, 10]');
    expect(e[1]).toContain("theta has no parameter 'trees'");
    expect(e[2]).toBe('theta is listed twice.');
    expect(e[3]).toBeTruthy();
    expect(checkForecastSpace('ets', [])).toHaveProperty('space');
  });

  it('reads the non-empty lines of the box', () => {
    expect(spaceLines(' theta=1..3 \n\n  ')).toEqual(['theta=1..3']);
  });
});
