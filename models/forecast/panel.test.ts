import { describe, expect, it } from 'vitest';
import type { ForecastArtifact } from './artifact';
import { weeklyPanel } from './gbdt/testPanel';
import { fitPanel, loadPanel } from './panel';

const { series } = weeklyPanel({ series: 4, length: 120, seed: 3 });
const withIds = series.map((s, i) => ({ ...s, id: `store ${i}` }));
const artifactOf = (parts: Pick<ForecastArtifact, 'perSeries' | 'global'>, model: ForecastArtifact['model']) =>
  JSON.parse(JSON.stringify({ model, ...parts })) as Pick<ForecastArtifact, 'model' | 'perSeries' | 'global'>;

describe('forecasting panels', () => {
  it('fits a per-series family on each series, reporting which, and loads it back from the artifact', async () => {
    const messages: string[] = [];
    const fractions: number[] = [];
    const panel = await fitPanel('theta', withIds, { seasonalPeriod: 7, onProgress: (f, m) => (fractions.push(f), messages.push(m)) });
    expect(panel!.scope).toBe('per-series');
    expect(messages.slice(0, 4)).toEqual(['series 1 of 4', 'series 2 of 4', 'series 3 of 4', 'series 4 of 4']);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    const parts = panel!.toArtifactParts();
    expect(parts.global).toBeNull();
    expect(parts.perSeries!.map((j) => j.family)).toEqual(['theta', 'theta', 'theta', 'theta']);
    const back = await loadPanel(artifactOf(parts, 'theta'), series.map((s) => s.timeline));
    expect(back.members.map((m) => m.forecast(7, [80]))).toEqual(panel!.members.map((m) => m.forecast(7, [80])));
  });

  it('fits a global family once on all series and loads it back', async () => {
    const panel = await fitPanel('gbdt', series, { seasonalPeriod: 7, horizon: 7, params: { trees: 40 } });
    expect(panel!.scope).toBe('global');
    expect(panel!.members).toHaveLength(4);
    const parts = panel!.toArtifactParts();
    expect(parts.perSeries).toBeNull();
    expect(parts.global!.family).toBe('gbdt');
    const back = await loadPanel(artifactOf(parts, 'gbdt'), series.map((s) => s.timeline));
    expect(back.describe()).toBe(panel!.describe());
    expect(back.members.map((m) => m.forecast(7, [95]))).toEqual(panel!.members.map((m) => m.forecast(7, [95])));
  });

  it('returns null when stopped between series', async () => {
    let fitted = 0;
    const panel = await fitPanel('naive', series, { onProgress: () => fitted++, shouldStop: () => fitted >= 2 });
    expect(panel).toBeNull();
    expect(fitted).toBe(2);
  });

  it('names the series and the field of a bad input, and an unknown model', async () => {
    const short = [...withIds.slice(0, 2), { y: Float64Array.of(1), id: 'kiosk' }];
    await expect(fitPanel('naive', short)).rejects.toMatchObject({ field: 'values', message: expect.stringMatching(/^series 'kiosk': has 1 non-missing values/) });
    await expect(fitPanel('gbdt', [{ y: series[0].y }])).rejects.toMatchObject({ field: 'timeline' });
    await expect(fitPanel('prophet' as never, series)).rejects.toMatchObject({ field: 'model' });
  });
});
