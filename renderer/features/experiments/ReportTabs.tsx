import { useMemo } from 'react';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import { EChart } from '../../charts/EChart';
import { calibrationOption, confusionOption, residualOption } from './report-charts';
import { residualCaption } from './format';

export { ImportanceTab } from './ImportanceTab';

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
