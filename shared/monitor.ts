/**
 * Drift and data-quality monitoring, as data: every default and threshold the engine
 * (models/monitor), the host, `lathe drift` and the benchmark use, each with a one-line help.
 * Nothing else writes one of these numbers down.
 */

export interface MonitorSetting {
  value: number;
  help: string;
}

const setting = (value: number, help: string): MonitorSetting => ({ value, help });

export const MONITOR_SETTINGS = {
  alpha: setting(0.05, 'False discovery rate: a feature\'s test rejects when its Benjamini–Hochberg adjusted p-value is below this.'),
  maxRows: setting(100_000, 'Rows per side above which a seeded random sample of this many rows is compared (stated in the result).'),
  seed: setting(42, 'Seed of that sample, so the same data gives the same report.'),
  psiBins: setting(10, 'Quantile bins of the reference for PSI and the numeric Jensen–Shannon distance.'),
  psiEpsilon: setting(1e-4, 'Share given to an empty bin (on either side) so PSI stays finite.'),
  psiThreshold: setting(0.1, 'PSI at or above which a numeric shift counts as material (0.1 moderate, 0.25 major by the usual rule).'),
  wassersteinThreshold: setting(0.1, 'Wasserstein-1 distance in reference standard deviations at or above which a numeric shift counts (0.1 sd).'),
  jsThreshold: setting(0.1, 'Jensen–Shannon distance (base 2, 0…1) of the category shares at or above which a categorical shift counts.'),
  newCategoryShare: setting(0.05, 'Share of current rows in categories the reference never had at or above which a categorical shift counts.'),
  rareShare: setting(0.005, 'Reference categories rarer than this share are pooled into one "(other)" cell for the chi² test.'),
  rareCount: setting(5, 'Categories with fewer reference rows than this are pooled too (the chi² test needs expected counts).'),
  missingJump: setting(0.05, 'Rise of the missing share (current − reference) that the quality check flags.'),
  outOfRangeShare: setting(0.01, 'Share of current values outside the reference\'s [min, max] that the quality check flags.'),
  exactKsCells: setting(20_000_000, 'The KS p-value is exact when n₁·n₂ is at most this (or both sides have at most 10,000 rows, as scipy); asymptotic beyond.'),
} as const;

export type MonitorSettingName = keyof typeof MONITOR_SETTINGS;
export type MonitorOptions = { [K in MonitorSettingName]: number };

/** The defaults as plain numbers. */
export const MONITOR_DEFAULTS: MonitorOptions = Object.fromEntries(
  Object.entries(MONITOR_SETTINGS).map(([k, s]) => [k, s.value]),
) as MonitorOptions;

/** Severity of a feature, worst first: drifted, then a failed quality check, then a significant but small shift, then none. */
export const SEVERITIES = ['drift', 'quality', 'minor', 'none'] as const;
export type Severity = (typeof SEVERITIES)[number];
