import path from 'node:path';
import type { Command } from 'commander';
import { withCore, waitForJob } from '../run-job';
import type { GlobalOptions } from '../main';
import { outPath, withForceHint } from './export';

export function registerPredict(program: Command): void {
  program
    .command('predict')
    .description('predict every row of a CSV with RUN or NAME@VERSION (onnxruntime, in a worker)')
    .requiredOption('--model <ref>', 'run id or NAME@VERSION / NAME@ALIAS')
    .requiredOption('--input <file>', 'CSV with a header row holding the model\'s input columns')
    .requiredOption('--out <file>', 'CSV to write: the input columns plus the predictions (an existing file is kept unless --force)')
    .option('--force', 'replace the --out file if it exists', false)
    .action(async (o: { model: string; input: string; out: string; force: boolean }) => {
      await withCore(program.opts<GlobalOptions>(), async (core, out) => {
        try {
          const { jobId } = await core.call('models.predict', { model: o.model, input: path.resolve(o.input), out: outPath(o.out, 'a file'), force: o.force });
          const r = await waitForJob(core, 'models.predict', jobId, out.json);
          out.result(r, () => `${r.rows.toLocaleString('en-US')} rows predicted → ${r.out}`);
        } catch (err) {
          throw withForceHint(err);
        }
      });
    });
}
