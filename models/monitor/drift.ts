/**
 * Drift of each feature between a reference sample and a current window. A feature drifted only
 * when its Benjamini–Hochberg adjusted test rejects AND an effect size passes its threshold, so a
 * trivial shift in a huge sample is reported as significant ('minor') but raises no alarm.
 */
import type { DriftFeatureDto, DriftReportDto, DriftSideDto } from '../../shared/api/monitor-dto';
import { MONITOR_DEFAULTS, SEVERITIES, type MonitorOptions, type Severity } from '../../shared/monitor';
import { benjaminiHochberg } from './bh';
import { compareCategorical } from './categorical';
import { compareNumeric } from './numeric';
import { sampleRows } from './sample';
import type { DriftColumn, FeatureComparison } from './types';

export interface DriftInput {
  reference: readonly DriftColumn[];
  current: readonly DriftColumn[];
  /** The model's predictions of both sides (prediction drift), compared on the same sampled rows. */
  prediction?: { reference: DriftColumn; current: DriftColumn };
  labels?: { reference: string; current: string };
}

export class DriftInputError extends Error {
  constructor(message: string, readonly column: string) {
    super(message);
  }
}

function rowsOf(cols: readonly DriftColumn[]): number {
  const n = cols.length ? cols[0].values.length : 0;
  for (const c of cols) if (c.values.length !== n) throw new DriftInputError(`Column '${c.name}' has ${c.values.length} rows, the others ${n}`, c.name);
  return n;
}

function compare(ref: DriftColumn, cur: DriftColumn, rr: Uint32Array | null, cr: Uint32Array | null, o: MonitorOptions): FeatureComparison {
  if (ref.kind === 'numeric' && cur.kind === 'numeric') return compareNumeric(ref.name, ref.values, cur.values, rr, cr, o);
  if (ref.kind === 'categorical' && cur.kind === 'categorical') return compareCategorical(ref.name, ref.values, cur.values, rr, cr, o);
  throw new DriftInputError(`Column '${ref.name}' is ${ref.kind} in the reference but ${cur.kind} in the current data`, ref.name);
}

/** How far the largest effect is past its threshold (≥ 1: material). */
function materiality(f: FeatureComparison, o: MonitorOptions): number {
  const ratios = f.kind === 'numeric'
    ? [(f.psi ?? 0) / o.psiThreshold, (f.wasserstein ?? 0) / o.wassersteinThreshold]
    : [(f.js ?? 0) / o.jsThreshold, (f.newCategoryShare ?? 0) / o.newCategoryShare];
  return Math.max(...ratios);
}

function qualityFlags(f: FeatureComparison, o: MonitorOptions): string[] {
  const flags: string[] = [];
  if (f.missingCurrent - f.missingReference >= o.missingJump) flags.push('missing');
  if ((f.outOfRangeShare ?? 0) >= o.outOfRangeShare) flags.push('range');
  if (f.newCategories.length > 0) flags.push('newCategories');
  return flags;
}

function finish(f: FeatureComparison, adjusted: number, o: MonitorOptions): DriftFeatureDto & { rank: number } {
  const ratio = materiality(f, o);
  const rejects = adjusted < o.alpha;
  const material = ratio >= 1;
  const drifted = rejects && material;
  const flags = qualityFlags(f, o);
  const severity: Severity = drifted ? 'drift' : flags.length ? 'quality' : rejects ? 'minor' : 'none';
  return {
    name: f.name, kind: f.kind, test: f.test, statistic: f.statistic, pValue: f.pValue, adjustedPValue: adjusted, method: f.method,
    drifted, material, severity,
    effect: { psi: f.psi, wasserstein: f.wasserstein, js: f.js, newCategoryShare: f.newCategoryShare },
    quality: {
      missingReference: f.missingReference, missingCurrent: f.missingCurrent, missingJump: f.missingCurrent - f.missingReference,
      outOfRangeShare: f.outOfRangeShare, newCategories: f.newCategories, flags,
    },
    n: { reference: f.nReference, current: f.nCurrent },
    distribution: f.distribution,
    rank: ratio,
  };
}

function side(label: string, rows: number, picked: Uint32Array | null): DriftSideDto {
  return { label, rows, compared: picked ? picked.length : rows, sampled: picked !== null };
}

export function computeDrift(input: DriftInput, options: Partial<MonitorOptions> = {}): DriftReportDto {
  const o: MonitorOptions = { ...MONITOR_DEFAULTS, ...options };
  const byName = new Map(input.current.map((c) => [c.name, c]));
  for (const r of input.reference) if (!byName.has(r.name)) throw new DriftInputError(`The current data has no column '${r.name}'`, r.name);
  const nRef = rowsOf(input.reference);
  const nCur = rowsOf(input.current);
  // Different seeds per side: the same sample positions on two equal-length windows would pair rows.
  const refRows = sampleRows(nRef, o.maxRows, o.seed);
  const curRows = sampleRows(nCur, o.maxRows, o.seed + 1);
  const compared = input.reference.map((r) => compare(r, byName.get(r.name)!, refRows, curRows, o));
  const adjusted = benjaminiHochberg(compared.map((f) => f.pValue));
  const order = (s: Severity) => SEVERITIES.indexOf(s);
  const features = compared
    .map((f, i) => finish(f, adjusted[i], o))
    .sort((a, b) => order(a.severity) - order(b.severity) || b.rank - a.rank || (a.name < b.name ? -1 : 1))
    .map(({ rank: _rank, ...f }) => f);
  let prediction: DriftFeatureDto | null = null;
  if (input.prediction) {
    const p = input.prediction;
    if (p.reference.values.length !== nRef || p.current.values.length !== nCur) throw new DriftInputError('Predictions must have one value per row of each side', p.reference.name);
    const f = compare(p.reference, p.current, refRows, curRows, o);
    // Its own family of one: the features' correction does not dilute it.
    const { rank: _rank, ...dto } = finish(f, f.pValue, o);
    prediction = dto;
  }
  const driftedCount = features.filter((f) => f.drifted).length;
  const notes: string[] = [];
  if (refRows) notes.push(`The reference has ${nRef} rows: ${o.maxRows} were sampled (seed ${o.seed}).`);
  if (curRows) notes.push(`The current data has ${nCur} rows: ${o.maxRows} were sampled (seed ${o.seed + 1}).`);
  for (const f of features) if (f.method === 'no values') notes.push(`'${f.name}' has no values on one side: not tested.`);
  return {
    drifted: driftedCount > 0,
    driftedShare: features.length ? driftedCount / features.length : 0,
    features,
    prediction,
    reference: side(input.labels?.reference ?? 'reference', nRef, refRows),
    current: side(input.labels?.current ?? 'current', nCur, curRows),
    settings: o,
    notes,
  };
}
