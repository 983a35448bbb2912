/**
 * The gbdt forecaster's next-step feature rows, for the export bundle's model.onnx: built by the family's own
 * feature function from a member's state, so ONNX sees the rows the trees see in the app.
 */
import type { ForecastArtifact } from './artifact';
import { featureNames, levelFrom, writeFeatureRow, type FeatureSpec, type SeriesView } from './gbdt/features';
import type { GbdtForecastJson, MemberState } from './gbdt/model';
import { gridTimestamp } from './frequency';
import type { FeatureRows } from './runtime';
import type { ForecastModel, Timeline } from './types';

export function gbdtFeatureRows(a: ForecastArtifact, series: readonly { index: number; end: number; model: ForecastModel; timeline: Timeline }[]): FeatureRows {
  const spec: FeatureSpec = (a.global as GbdtForecastJson).spec;
  const names = featureNames(spec);
  const rows = series.map(({ index, end, model, timeline }) => {
    const state = (model as unknown as { state: MemberState }).state;
    const values = state.recent.map((v) => (v === null ? NaN : v / state.scale));
    const view: SeriesView = { seriesIndex: state.seriesIndex, timeline, values, start: state.length - values.length, known: state.length };
    // The trees read float32 features, as in training and in the app's forecasts.
    const x = new Float32Array(names.length);
    writeFeatureRow(spec, view, state.length, x, 0);
    return {
      series: a.series[index].id,
      t: new Date(gridTimestamp(a.frequency, a.series[index].start, end)).toISOString(),
      features: Array.from(x),
      anchor: levelFrom(spec, view, state.length, 0),
      scale: state.scale,
    };
  });
  return { names, rows };
}
