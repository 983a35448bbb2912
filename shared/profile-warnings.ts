/**
 * Profile warnings: what the profile found that matters for modelling. The thresholds live here
 * once; the profile worker detects with them and the app words them (columns are referred to by
 * position, so renaming a column never leaves a stale name behind).
 */
export const WARNING_THRESHOLDS = {
  /** A maximum repeated at least this many times more than the most frequent of the values just below it… */
  capRatio: 5,
  /** …looking at this many distinct values below it… */
  capNeighbours: 5,
  /** …and at least this often, in a column of at least this many distinct values. */
  capMinCount: 10,
  capMinDistinct: 20,
  /** Nearly every value distinct: an identifier (only among at least `idLikeMinValues` values). */
  idLikeShare: 0.95,
  idLikeMinValues: 20,
  /** |Pearson r| above this between two numeric columns. */
  correlation: 0.9,
  /** Share of the rows missing. */
  missingShare: 0.5,
  /** |sample skewness| above this (with at least `skewMinValues` values). */
  skewness: 2,
  skewMinValues: 20,
} as const;

export type ProfileWarningDto =
  | { kind: 'capped'; column: number; value: number; count: number; ratio: number }
  | { kind: 'constant'; column: number; value: string }
  | { kind: 'idLike'; column: number }
  | { kind: 'correlated'; columns: [number, number]; r: number }
  | { kind: 'missing'; column: number; share: number }
  | { kind: 'skewed'; column: number; skewness: number };

export type ProfileWarningKind = ProfileWarningDto['kind'];

export const WARNING_LABEL: Record<ProfileWarningKind, string> = {
  capped: 'capped',
  constant: 'constant',
  idLike: 'id-like',
  correlated: 'correlated',
  missing: 'mostly missing',
  skewed: 'skewed',
};

/** The columns a warning is about (two for a correlated pair). */
export const warningColumns = (w: ProfileWarningDto): number[] => (w.kind === 'correlated' ? [...w.columns] : [w.column]);

const num = (x: number, digits = 4) =>
  Number.isInteger(x) ? x.toLocaleString('en-US') : Number(x.toPrecision(digits)).toLocaleString('en-US', { maximumFractionDigits: 20 });
const pct = (x: number) => `${Math.round(x * 100)} %`;

/** What was found, and in one line what it means for a model. `names`: the profile's column names by position. */
export function warningText(w: ProfileWarningDto, names: readonly string[]): { found: string; meaning: string } {
  const n = (i: number) => names[i] ?? `column ${i + 1}`;
  switch (w.kind) {
    case 'capped':
      return {
        found: `${n(w.column)}: its maximum ${num(w.value, 8)} appears ${num(w.count)} times, ${num(w.ratio)}× more than the values just below it.`,
        meaning: 'Likely a cap: the true values of those rows are unknown, and a model cannot predict beyond it.',
      };
    case 'constant':
      return { found: `${n(w.column)} has one value (${w.value}) in every row.`, meaning: 'It carries no information: leave it out of the features.' };
    case 'idLike':
      return {
        found: `${n(w.column)}: nearly every value is distinct (≥ ${pct(WARNING_THRESHOLDS.idLikeShare)}).`,
        meaning: 'An identifier, not a feature: a model would only memorise it.',
      };
    case 'correlated':
      return {
        found: `${n(w.columns[0])} and ${n(w.columns[1])} are highly correlated (r = ${w.r.toFixed(2)}).`,
        meaning: 'They carry nearly the same information: keep one, or linear models get unstable coefficients.',
      };
    case 'missing':
      return {
        found: `${n(w.column)}: ${pct(w.share)} of the values are missing.`,
        meaning: 'Imputed values would dominate what a model learns from it: drop it or keep only a missing flag.',
      };
    case 'skewed':
      return {
        found: `${n(w.column)} is strongly skewed (skewness ${w.skewness.toFixed(1)}).`,
        meaning:
          w.skewness > 0
            ? 'A log transform may help linear models and neural networks; trees do not mind.'
            : 'A long left tail: reflecting then taking a log may help linear models; trees do not mind.',
      };
  }
}
