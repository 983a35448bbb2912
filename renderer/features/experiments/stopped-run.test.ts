import { describe, expect, it } from 'vitest';
import { noResultText } from './stopped-run';

describe('noResultText', () => {
  it('points a failed run at its error, and says a stopped one was stopped', () => {
    expect(noResultText('failed', 'No forecast was made', 'New forecast')).toBe('No forecast was made: see the reason above, change the settings with New forecast, or Re-run.');
    expect(noResultText('cancelled', 'Nothing was trained', 'New run')).toMatch(/^Nothing was trained: the run was cancelled before it ended\. Resume it/);
    expect(noResultText('interrupted', 'Nothing was trained', 'New run')).toMatch(/was interrupted before it ended/);
  });
});
