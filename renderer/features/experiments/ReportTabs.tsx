import { useMemo } from 'react';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import { EChart } from '../../charts/EChart';
import { calibrationOption, confusionOption, importanceOption, residualOption } from './report-charts';
import { residualCaption } from './format';

const none = (what: string) => <p className="muted">No {what} for this run.</p>;

export function ConfusionTab({ run }: { run: RunDetailDto }) {
  const c = run.report?.confusion;
  const option = useMemo(() => (c ? confusionOption(c) : null), [c]);
  if (!c || !option) return none('confusion matrix');
  const total = c.matrix.flat().reduce((a, b) => a + b, 0);
  const right = c.matrix.reduce((a, row, i) => a + (row[i] ?? 0), 0);
  return (
    <div>
      <p className="muted small-note">
        Rows are the actual class, columns the predicted one; {right.toLocaleString()} of {total.toLocaleString()} test rows are on the diagonal.
      </p>
      <EChart option={option} height={Math.min(560, 120 + c.labels.length * 44)} testId="run-confusion" />
    </div>
  );
}

export function CalibrationTab({ run }: { run: RunDetailDto }) {
  const cal = run.report?.calibration;
  const option = useMemo(() => (cal ? calibrationOption(cal) : null), [cal]);
  if (!cal || !option) return none('calibration curve');
  return (
    <div>
      <p className="muted small-note">
        Test rows bucketed by predicted probability of “{String(run.report?.classes?.[1] ?? 'positive')}”: a calibrated model sits on the diagonal.
      </p>
      <EChart option={option} height={320} testId="run-calibration" />
    </div>
  );
}

export function ResidualsTab({ run }: { run: RunDetailDto }) {
  const res = run.report?.residuals;
  const option = useMemo(() => (res ? residualOption(res, run.target ?? 'target') : null), [res, run.target]);
  if (!res || !option) return none('residuals');
  return (
    <div>
      <p className="muted small-note" data-testid="run-residuals-caption">
        {residualCaption(res.length, run.report?.testRows ?? res.length)}
      </p>
      <EChart option={option} height={360} testId="run-residuals" />
    </div>
  );
}

const KIND_TEXT = {
  gain: 'Gain importance: each feature’s share of the loss reduction from all tree splits on it.',
  permutation: 'Permutation importance: how much the test score drops when the feature’s values are shuffled (on up to 2,000 test rows).',
  coefficient: 'Top terms: the words, word pairs and character n-grams with the largest weights, and the class each pushes towards.',
  lexicon: 'Lexicon words: each word’s mean share of the sentiment score over the test texts.',
};

export function ImportanceTab({ run }: { run: RunDetailDto }) {
  const r = run.report;
  const top = useMemo(() => (r ? [...r.importance].sort((a, b) => b.importance - a.importance).slice(0, 30) : []), [r]);
  const option = useMemo(() => (r ? importanceOption(top, r.importanceKind) : null), [r, top]);
  if (!r || !option || top.length === 0) return none('feature importance');
  return (
    <div>
      <p className="small-note" data-testid="run-importance-kind">
        <span className="kind-chip">{r.importanceKind}</span> <span className="muted">{KIND_TEXT[r.importanceKind]}</span>
        {r.importance.length > top.length && <span className="muted"> Top {top.length} of {r.importance.length}.</span>}
      </p>
      <EChart option={option} height={Math.max(160, 40 + top.length * 24)} testId="run-importance" />
    </div>
  );
}
