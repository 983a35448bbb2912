/**
 * Fitting a forecasting model on a panel of series, whatever its scope: a per-series family once per series,
 * a global family once on all of them. What the host calls; it stores `toArtifactParts()` in the artifact.
 */
import type { ForecastArtifact } from './artifact';
import { ForecastInputError } from './errors';
import { FORECAST_FAMILIES, GLOBAL_FAMILIES } from './families';
import type { FamilyName, FitOptions, ForecastModel, GlobalModel, Timeline } from './types';

export interface PanelSeries {
  y: Float64Array;
  /** Required by the families that read time or covariates (decomposable, gbdt, lstm). */
  timeline?: Timeline;
  /** Named in errors ("series 'north'"); the 1-based position otherwise. */
  id?: string;
}

export type PanelFitOptions = Omit<FitOptions, 'timeline'>;

export interface Panel {
  readonly family: FamilyName;
  readonly scope: 'per-series' | 'global';
  /** One per series, in input order. */
  readonly members: readonly ForecastModel[];
  describe(): string;
  /** The artifact's model fields: one JSON per series, or one for all. */
  toArtifactParts(): Pick<ForecastArtifact, 'perSeries' | 'global'>;
}

const label = (s: PanelSeries, i: number) => (s.id !== undefined ? `series '${s.id}'` : `series ${i + 1}`);

function perSeriesPanel(family: FamilyName, members: ForecastModel[]): Panel {
  return {
    family, scope: 'per-series', members,
    describe: () => (members.length === 1 ? members[0].describe() : `${family} on each of ${members.length} series`),
    toArtifactParts: () => ({ perSeries: members.map((m) => m.toJSON()), global: null }),
  };
}

function globalPanel(model: GlobalModel): Panel {
  return {
    family: model.family, scope: 'global', members: model.members,
    describe: () => model.describe(),
    toArtifactParts: () => ({ perSeries: null, global: model.toJSON() }),
  };
}

/**
 * Fits `family` on every series. Per-series families report "series 3 of 12" (with the family's own message
 * after it, if any) and return null when `shouldStop` ends the work between or inside series, since a panel
 * with series missing cannot forecast; a global family reports trees or epochs and, stopped, keeps what it
 * learned. A bad input of one series names that series.
 */
export async function fitPanel(family: FamilyName, series: readonly PanelSeries[], opts: PanelFitOptions = {}): Promise<Panel | null> {
  const global = GLOBAL_FAMILIES[family];
  if (global) return globalPanel(await global.fit(series.map((s) => ({ y: s.y, timeline: s.timeline as Timeline })), opts));
  const perSeries = FORECAST_FAMILIES[family];
  if (!perSeries) throw new ForecastInputError('model', `unknown forecasting model '${String(family)}'`);
  if (series.length === 0) throw new ForecastInputError('values', 'needs at least one series');
  const members: ForecastModel[] = [];
  const n = series.length;
  for (const [i, s] of series.entries()) {
    if (opts.shouldStop?.()) return null;
    const where = `series ${i + 1} of ${n}`;
    opts.onProgress?.(i / n, where);
    try {
      members.push(perSeries.fit(s.y, {
        ...opts, timeline: s.timeline, onMetrics: undefined,
        onProgress: opts.onProgress && ((f, message) => opts.onProgress!((i + f) / n, `${where}: ${message}`)),
      }));
    } catch (e) {
      if (e instanceof ForecastInputError) throw new ForecastInputError(e.field, `${label(s, i)}: ${e.message}`);
      throw e;
    }
  }
  if (opts.shouldStop?.()) return null;
  opts.onProgress?.(1, `${n} of ${n} series`);
  return perSeriesPanel(family, members);
}

/** The panel an artifact stored, each series on its timeline (as at fit time). */
export async function loadPanel(artifact: Pick<ForecastArtifact, 'model' | 'perSeries' | 'global'>, timelines: readonly (Timeline | undefined)[]): Promise<Panel> {
  if (artifact.global) {
    const global = GLOBAL_FAMILIES[artifact.global.family];
    if (!global) throw new Error(`unknown global forecast family: ${String(artifact.global.family)}`);
    return globalPanel(await global.fromJSON(artifact.global, timelines as readonly Timeline[]));
  }
  if (!artifact.perSeries) throw new Error('the forecast artifact holds no model');
  const members = artifact.perSeries.map((json, i) => {
    const family = FORECAST_FAMILIES[json.family];
    if (!family) throw new Error(`unknown forecast family: ${String(json.family)}`);
    return family.fromJSON(json, timelines[i]);
  });
  return perSeriesPanel(artifact.model, members);
}
