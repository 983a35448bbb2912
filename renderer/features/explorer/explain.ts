import type { ContributionDto, ExplainMethod, ExplainSpace, ExplanationDto, ExplorerValue, TextExplainMethod } from '../../../shared/api/methods/explorer';

export const METHOD_NAME: Record<ExplainMethod, string> = {
  treeshap: 'TreeSHAP',
  linear: 'coefficient × value',
  'sampling-shapley': 'sampling Shapley',
  occlusion: 'occlusion',
  lexicon: 'sentiment lexicon',
};

export const TEXT_METHOD_NAME: Record<TextExplainMethod, string> = {
  coefficient: 'coefficient × tf-idf',
  occlusion: 'occlusion',
  lexicon: 'the sentiment lexicon',
};

/** The scale the numbers add up on, in words. */
export function spaceName(space: ExplainSpace, target: string): string {
  return { value: `in units of ${target}`, 'log-odds': 'on the log-odds scale', logit: 'on the softmax logit scale', probability: 'as a probability', score: 'as a sentiment score' }[space];
}

export interface ContributionBar {
  label: string;
  column: string | null;
  contribution: number;
}

const valueText = (v: ExplorerValue) => (v === null ? 'missing' : typeof v === 'number' ? formatValue(v) : String(v));

/** Predictions and contributions: whole units from 1,000 up, 4 significant digits below. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e12)) return v.toExponential(2);
  return a >= 1000 ? v.toLocaleString(undefined, { maximumFractionDigits: 0 }) : v.toLocaleString(undefined, { maximumSignificantDigits: 4 });
}

/** The largest contributions (by size), then one bar for all the rest; largest first. */
export function topContributions(contributions: ContributionDto[], n = 12, format: (c: ContributionDto) => string = (c) => `${c.column} = ${valueText(c.value)}`): ContributionBar[] {
  const sorted = [...contributions].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  const top: ContributionBar[] = sorted.slice(0, n).map((c) => ({ label: format(c), column: c.column, contribution: c.contribution }));
  const rest = sorted.slice(n);
  if (rest.length) top.push({ label: `${rest.length} other column${rest.length > 1 ? 's' : ''}`, column: null, contribution: rest.reduce((s, c) => s + c.contribution, 0) });
  return top;
}

/** base + Σ contributions: the explained output of this row. */
export const explainedOutput = (e: ExplanationDto) => e.contributions.reduce((s, c) => s + c.contribution, e.base);
