import { InvalidArgumentError, type Command } from 'commander';
import type { OutcomeMetricDto, OutcomesReportDto } from '../../../shared/api/outcomes-dto';
import { withCore } from '../run-job';
import type { GlobalOptions } from '../main';

interface OutcomesCliOptions {
  model: string;
  predictions: string;
  outcomes: string;
  key?: string;
  predicted?: string;
  actual?: string;
  time?: string;
  window: 'day' | 'week' | number;
}

function windowOption(v: string): 'day' | 'week' | number {
  if (v === 'day' || v === 'week') return v;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected day, week or a whole number of rows (got '${v}')`);
  return n;
}

const show = (v: number | null) => (v === null || !Number.isFinite(v) ? '–' : String(Number(v.toPrecision(4))));
const cell = (m: OutcomeMetricDto | undefined) => (m ? `${show(m.value)} [${show(m.lower)}, ${show(m.upper)}]` : '–');

/** One line per window: rows, the headline metric with its 95 % interval, and the other metrics. */
export function outcomesTable(r: OutcomesReportDto): string {
  const names = r.task === 'regression' ? ['rmse', 'mae', 'bias'] : ['accuracy'];
  const width = Math.max(6, ...r.windows.map((w) => w.label.length));
  const rows = [...r.windows, r.overall];
  const lines = [
    `${r.model}: ${r.metric} per ${'rows' in r.window ? `${r.window.rows.toLocaleString('en-US')} rows` : r.window.by}${r.baseline !== null ? ` (its test score: ${show(r.baseline)})` : ''}`,
    `${r.matched.toLocaleString('en-US')} outcomes joined on '${r.columns.key}' (${r.columns.predicted} against ${r.columns.actual}${r.columns.time ? `, time ${r.columns.time}` : ''})`,
    '',
    `${'window'.padEnd(width)}  ${'rows'.padStart(7)}  ${names.map((n) => `${n} [95 %]`.padEnd(28)).join('  ')}`,
    ...rows.map((w) => `${w.label.padEnd(width)}  ${w.n.toLocaleString('en-US').padStart(7)}  ${names.map((n) => cell(w.metrics[n]).padEnd(28)).join('  ')}`),
  ];
  if (r.notes.length) lines.push('', ...r.notes);
  return lines.join('\n');
}

export function registerOutcomes(program: Command): void {
  program
    .command('outcomes')
    .description("live metrics of a model version: outcomes joined by key to its predictions, per day, week or N rows, with 95 % intervals")
    .requiredOption('--model <ref>', 'NAME@VERSION or NAME@ALIAS')
    .requiredOption('--predictions <dataset>', 'dataset of its predictions: an imported batch prediction file (the key and predicted_TARGET), or an imported model-server log')
    .requiredOption('--outcomes <dataset>', 'dataset of what happened: the key, the actual value and a time (or the server log with its feedback)')
    .option('--key <column>', 'column both datasets share (default: prediction_id, id, row_id or key)')
    .option('--predicted <column>', 'predicted column (default: predicted_TARGET)')
    .option('--actual <column>', "actual column (default: the model's target)")
    .option('--time <column>', "date column of the outcomes or predictions (default: the outcomes' first)")
    .option('--window <day|week|N>', 'windows: calendar day, week (from Monday, UTC), or every N rows', windowOption, 'week')
    .action(async (o: OutcomesCliOptions) => {
      await withCore(program.opts<GlobalOptions>(), async (core, out) => {
        const report = await core.call('monitor.outcomes', {
          model: o.model, predictions: o.predictions, outcomes: o.outcomes, key: o.key, predicted: o.predicted, actual: o.actual, time: o.time, window: o.window,
        });
        out.result(report, () => outcomesTable(report));
      });
    });
}
