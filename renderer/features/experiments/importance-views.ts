import type { CoefficientDto, ImportanceItemDto, RunReportDto } from '../../../shared/api/runs-dto';
import { formatMetric } from './format';

export type ImportanceViewId = 'permutation' | 'gain' | 'coefficients' | 'terms' | 'lexicon';

/** One way of reading a run's importance: bars (importance ± spread) or signed coefficients. */
export type ImportanceView = {
  id: ImportanceViewId;
  label: string;
  caption: string;
  /** Axis title of the bars. */
  axis: string;
  /** How one value reads (tooltips and bar labels). */
  format: (v: number) => string;
} & ({ kind: 'bars'; items: ImportanceItemDto[] } | { kind: 'coefficients'; rows: CoefficientDto[] });

const count = (n: number) => n.toLocaleString('en-US');
const points = (v: number) => `${(v * 100).toFixed(1)} pts`;
const share = (v: number) => `${(v * 100).toFixed(1)} %`;

/** Text runs: one text column in, so shuffling it would only say that the text matters. */
export const TEXT_NOTE =
  'Permutation importance is not computed for text models: they read one text column, and shuffling it would only say that the text matters. The terms below show what the model learned instead.';

function permutationView(r: RunReportDto): ImportanceView {
  const p = r.permutation;
  if (!p) {
    // Runs stored before importance was measured on input columns.
    return {
      id: 'permutation', label: 'Permutation', kind: 'bars', items: r.importance, axis: 'score drop', format: formatMetric,
      caption: 'Permutation importance: how much the test score drops when the feature’s values are shuffled (on up to 2,000 test rows).',
    };
  }
  const rmse = p.metric === 'rmse';
  return {
    id: 'permutation', label: 'Permutation', kind: 'bars', items: r.importance,
    axis: rmse ? 'increase in RMSE' : 'drop in accuracy (points)',
    format: rmse ? formatMetric : points,
    caption:
      `Permutation importance: how much ${rmse ? 'the RMSE rises (in target units)' : 'accuracy drops (in percentage points)'} when one input column’s values are shuffled ` +
      `among ${count(p.rows)} held-out test rows; the mean of ${p.repeats} seeded shuffles, ± their standard deviation. ` +
      'Everything derived from a column (one-hot levels, date parts, terms) moves with it. Near 0 or below: the model does not rely on it.',
  };
}

function gainView(items: ImportanceItemDto[]): ImportanceView {
  return {
    id: 'gain', label: 'Gain', kind: 'bars', items, axis: 'share of gain', format: share,
    caption: 'Gain importance: each input column’s share of the loss reduction from all tree splits on it, on the training rows. It favours columns with many distinct values.',
  };
}

function coefficientView(rows: CoefficientDto[]): ImportanceView {
  const towards = rows.find((c) => c.class !== null)?.class;
  const classes = new Set(rows.map((c) => c.class)).size;
  const unit = towards === undefined ? 'the prediction, in target units' : classes > 1 ? 'the log-odds of the class named' : `the log-odds of “${towards}”`;
  return {
    id: 'coefficients', label: 'Coefficients', kind: 'coefficients', rows, axis: 'coefficient', format: formatMetric,
    caption:
      `Coefficients of the linear model, with their signs: the change in ${unit} per standard deviation of a numeric column, ` +
      'or when a one-hot level or missing indicator is 1. Each bar names its input column; largest magnitude first.',
  };
}

/** The views this run has, the default first; old reports show what they stored. */
export function importanceViews(r: RunReportDto): ImportanceView[] {
  if (r.importanceKind === 'coefficient') {
    return [{
      id: 'terms', label: 'Top terms', kind: 'bars', items: r.importance, axis: '|weight|', format: formatMetric,
      caption: 'Top terms: the words, word pairs and character n-grams with the largest weights, and the class each pushes towards.',
    }];
  }
  if (r.importanceKind === 'lexicon') {
    return [{
      id: 'lexicon', label: 'Lexicon words', kind: 'bars', items: r.importance, axis: 'mean |share of score|', format: formatMetric,
      caption: 'Lexicon words: each word’s mean share of the sentiment score over the test texts.',
    }];
  }
  const views: ImportanceView[] = [];
  if (r.importanceKind === 'permutation' && r.importance.length > 0) views.push(permutationView(r));
  const gain = r.importanceKind === 'gain' ? r.importance : r.gain;
  if (gain?.length) views.push(gainView(gain));
  if (r.coefficients?.length) views.push(coefficientView(r.coefficients));
  return views;
}

export const isTextImportance = (r: RunReportDto) => r.importanceKind === 'coefficient' || r.importanceKind === 'lexicon';
