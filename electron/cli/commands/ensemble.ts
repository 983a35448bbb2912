/** `lathe ensemble`: registered models combined into one, recorded as a run and registered as the next version of NAME. */
import type { Command } from 'commander';
import { ENSEMBLE_METHODS, type EnsembleMethodName, type EnsembleOutcomeDto } from '../../../shared/api/methods/ensemble';
import { waitForJob, withCore } from '../run-job';
import type { GlobalOptions } from '../main';

interface EnsembleOptions {
  name: string;
  members: string;
  method: string;
  description?: string;
}

/** Members and the ensemble side by side: the headline metric (rmse, accuracy) first, then up to three more. */
function table(r: EnsembleOutcomeDto): string {
  const all = Object.keys(r.metrics).filter((k) => typeof r.metrics[k] === 'number');
  const keys = [...all.filter((k) => k === 'rmse' || k === 'accuracy'), ...all.filter((k) => k !== 'rmse' && k !== 'accuracy')].slice(0, 4);
  const rows = [
    ['model', 'weight', ...keys],
    ...r.members.map((m) => [`${m.ref} (${m.family})`, m.weight === null ? '-' : m.weight.toFixed(3), ...keys.map((k) => m.metrics[k]?.toPrecision(4) ?? '-')]),
    [`ensemble (${r.method})`, '', ...keys.map((k) => r.metrics[k].toPrecision(4))],
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  return rows.map((row) => row.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd()).join('\n');
}

export function registerEnsemble(program: Command): void {
  program
    .command('ensemble')
    .description('combine registered models (same task, target and input columns) into one registered version, in a worker')
    .requiredOption('--name <name>', 'the registered model the ensemble becomes the next version of')
    .requiredOption('--members <refs>', 'NAME@VERSION or NAME@ALIAS of each member, separated by commas')
    .option('--method <method>', `${ENSEMBLE_METHODS.join(', ')} (weighted and stacking need members scored on the same held-out rows)`, 'mean')
    .option('--description <text>', "the version's description")
    .action(async (o: EnsembleOptions) => {
      await withCore(program.opts<GlobalOptions>(), async (core, out) => {
        const members = o.members.split(',').map((m) => m.trim()).filter(Boolean);
        const { jobId } = await core.call('models.ensemble', { name: o.name, members, method: o.method as EnsembleMethodName, description: o.description });
        const r = await waitForJob(core, 'models.ensemble', jobId, out.json);
        out.result(
          { runId: r.runId, version: r.version, method: r.method, weights: r.weights, metrics: r.metrics, members: r.members },
          () => `${r.name}@${r.version} · run ${r.runId} · ${r.method} of ${r.members.length} models\n${table(r)}`,
        );
      });
    });
}
