import type { MonitorOptions } from '../../shared/monitor';

interface ScenarioResult {
  reps: number;
  alarmRate: number;
  ungatedAlarmRate: number;
  uncorrectedAlarmRate: number;
  detectionRate: number | null;
  meanMs: number;
}

interface Target {
  target: string;
  value: number;
  met: boolean;
}

export interface MonitorBench {
  machine: Record<string, unknown>;
  data: string;
  settings: MonitorOptions;
  scenarios: { aa: ScenarioResult; mean: ScenarioResult; category: ScenarioResult };
  speed: {
    rows: number; columns: number; maxRows: number; seconds: number; uncappedSeconds: number; driftedCapped: string[];
    x0: Record<'capped' | 'full', { statistic: number; adjustedPValue: number; wasserstein: number | null; drifted: boolean }>;
  };
  anchor: { python: string; scipy: string; scipySeconds: number; oursSeconds: number; cases: number; diff: Record<string, Record<string, number>> } | null;
  targets: Record<'falseAlarm' | 'meanShift' | 'newCategory' | 'speed' | 'anchor', Target>;
}

const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
const sci = (v: number | undefined) => (v === undefined ? '–' : v === 0 ? '0' : v.toExponential(1));
const mark = (t: Target) => (t.met ? 'met' : 'missed');

export function markdown(r: MonitorBench): string {
  const s = r.scenarios;
  const t = r.targets;
  const lines = [
    '# Drift monitoring benchmark',
    '',
    `Data: ${r.data}. Drifted = Benjamini–Hochberg adjusted p < ${r.settings.alpha} AND an effect past its threshold (PSI ≥ ${r.settings.psiThreshold} or Wasserstein ≥ ${r.settings.wassersteinThreshold} sd; JS ≥ ${r.settings.jsThreshold} or new categories ≥ ${pct(r.settings.newCategoryShare)}).`,
    '',
    '| check | target | result | |',
    '|---|---|---|---|',
    `| A/A false alarms (any of 10 features drifted), ${s.aa.reps} repetitions | ${t.falseAlarm.target} | ${pct(s.aa.alarmRate)} | ${mark(t.falseAlarm)} |`,
    `| median_income + 0.25 sd, detected in one window of 1,000 rows | ${t.meanShift.target} | ${pct(s.mean.detectionRate ?? 0)} | ${mark(t.meanShift)} |`,
    `| new ocean_proximity category in 10 % of a window, detected | ${t.newCategory.target} | ${pct(s.category.detectionRate ?? 0)} | ${mark(t.newCategory)} |`,
    `| ${r.speed.rows.toLocaleString('en-US')} × ${r.speed.columns} against ${r.speed.rows.toLocaleString('en-US')} × ${r.speed.columns} (sampled to ${r.speed.maxRows.toLocaleString('en-US')} per side) | ${t.speed.target} | ${r.speed.seconds.toFixed(2)} s | ${mark(t.speed)} |`,
    `| scipy agreement: max abs difference of statistics and p-values | ${t.anchor.target} | ${sci(t.anchor.value)} | ${mark(t.anchor)} |`,
    '',
    '## What the correction and the gate buy (A/A)',
    '',
    '| alarm rule | A/A alarm rate |',
    '|---|---|',
    `| any raw p < ${r.settings.alpha} | ${pct(s.aa.uncorrectedAlarmRate)} |`,
    `| any BH-adjusted p < ${r.settings.alpha} | ${pct(s.aa.ungatedAlarmRate)} |`,
    `| any drifted (adjusted AND effect size) | ${pct(s.aa.alarmRate)} |`,
    '',
    `Mean time per comparison (10,000 vs 1,000 rows × 10 columns): ${s.aa.meanMs.toFixed(1)} ms.`,
    '',
    '## Speed',
    '',
    `${r.speed.rows.toLocaleString('en-US')} rows × ${r.speed.columns} columns per side: ${r.speed.seconds.toFixed(2)} s with the default cap of ${r.speed.maxRows.toLocaleString('en-US')} rows per side, ${r.speed.uncappedSeconds.toFixed(2)} s on every row. ` +
      `x0 shifted by 0.05 sd: capped KS ${r.speed.x0.capped.statistic.toFixed(4)} (adjusted p ${sci(r.speed.x0.capped.adjustedPValue)}, drifted ${r.speed.x0.capped.drifted}); ` +
      `all rows KS ${r.speed.x0.full.statistic.toFixed(4)} (adjusted p ${sci(r.speed.x0.full.adjustedPValue)}, drifted ${r.speed.x0.full.drifted}) — significant either way, below the 0.1 sd effect threshold.`,
    '',
  ];
  if (r.anchor) {
    const a = r.anchor;
    lines.push(
      `## Anchor: scipy ${a.scipy} (${a.python}), same samples`,
      '',
      `${a.cases} feature comparisons: the first 10 repetitions of each scenario (every feature) and one 100,000 × 100,000 case of two standard normal columns (asymptotic KS). ` +
        `Time on these cases: Lathe ${a.oursSeconds.toFixed(2)} s, scipy ${a.scipySeconds.toFixed(2)} s.`,
      '',
      '| test | cases | statistic | p-value | Wasserstein / sd | PSI | JS |',
      '|---|---|---|---|---|---|---|',
      ...Object.entries(a.diff).map(([k, d]) => `| ${k} | ${d.cases} | ${sci(d.statistic)} | ${sci(d.pValue)} | ${sci(d.wasserstein)} | ${sci(d.psi)} | ${sci(d.js)} |`),
      '',
      'Max abs differences. KS: scipy.stats.ks_2samp with the method Lathe used; chi²: chi2_contingency(correction=False) on the same pooled table (built independently in Python); Wasserstein: wasserstein_distance / np.std(ref, ddof=1); PSI and JS: numpy quantile bins, jensenshannon(base=2).',
    );
  } else lines.push('## Anchor', '', 'No Python with scipy found: anchor not run.');
  return lines.join('\n');
}
