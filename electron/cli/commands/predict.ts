import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { withCore, waitForJob } from '../run-job';
import type { GlobalOptions } from '../main';
import { outPath, withForceHint } from './export';

interface PredictOptions {
  model: string;
  input?: string;
  horizon?: number;
  history?: string;
  out: string;
  force: boolean;
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a whole number of steps, at least 1 (got '${v}')`);
  return n;
}

export function registerPredict(program: Command): void {
  program
    .command('predict')
    .description('predict every row of a CSV with a tabular model, or the next --horizon steps of a forecast model (in a worker)')
    .requiredOption('--model <ref>', 'run id or NAME@VERSION / NAME@ALIAS')
    .option('--input <file>', "tabular models: CSV with a header row holding the model's input columns")
    .option('--horizon <steps>', 'forecast models: steps to forecast after the history', positiveInt)
    .option('--history <dataset>', 'forecast models: a dataset of newer rows of the same series that move the model on first')
    .requiredOption('--out <file>', 'CSV to write (an existing file is kept unless --force)')
    .option('--force', 'replace the --out file if it exists', false)
    .action(async (o: PredictOptions) => {
      if ((o.input === undefined) === (o.horizon === undefined)) {
        program.error('error: give --input FILE (tabular model) or --horizon STEPS (forecast model), not both', { exitCode: 2 });
      }
      if (o.history !== undefined && o.horizon === undefined) program.error('error: --history goes with --horizon (forecast models)', { exitCode: 2 });
      await withCore(program.opts<GlobalOptions>(), async (core, out) => {
        try {
          if (o.horizon !== undefined) {
            const { jobId } = await core.call('forecast.predict', { model: o.model, horizon: o.horizon, history: o.history, out: outPath(o.out, 'a file'), force: o.force });
            const r = await waitForJob(core, 'forecast.predict', jobId, out.json);
            out.result(r, () => `${r.rows.toLocaleString('en-US')} forecast rows (${r.horizon} steps) → ${r.out}`);
            return;
          }
          const { jobId } = await core.call('models.predict', { model: o.model, input: path.resolve(o.input!), out: outPath(o.out, 'a file'), force: o.force });
          const r = await waitForJob(core, 'models.predict', jobId, out.json);
          out.result(r, () => `${r.rows.toLocaleString('en-US')} rows predicted → ${r.out}${r.provider ? ` (onnxruntime ${r.provider.used}${r.provider.tried.filter((t) => !t.ok).map((t) => `; ${t.name} not used: ${t.reason}`).join('')})` : ''}`);
        } catch (err) {
          throw withForceHint(err);
        }
      });
    });
}
