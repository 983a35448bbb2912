import type { Command } from 'commander';
import type { EntitiesOutcomeDto } from '../../../shared/api/text-dto';
import { withCore, waitForJob } from '../run-job';
import type { GlobalOptions } from '../main';

interface EntitiesCliOptions {
  dataset: string;
  text: string;
  minDocuments?: string;
  top: string;
  name?: string;
}

export function entitiesSummary(r: EntitiesOutcomeDto, top: number): string {
  const shown = r.entities.slice(0, top);
  const width = Math.min(32, Math.max(6, ...shown.map((e) => e.entity.length)));
  return [
    `${r.total.toLocaleString('en-US')} people, organisations and places in ${r.texts.toLocaleString('en-US')} texts of '${r.text}' (${(r.durationMs / 1000).toFixed(1)} s)`,
    `New dataset '${r.dataset.name}' (${r.dataset.id.slice(0, 8)}): one row per entity`,
    `${'entity'.padEnd(width)}  ${'kind'.padEnd(12)}  texts  mentions  mean score`,
    ...shown.map((e) => `${e.entity.slice(0, width).padEnd(width)}  ${e.kind.padEnd(12)}  ${String(e.documents).padStart(5)}  ${String(e.mentions).padStart(8)}  ${e.meanSentiment.toFixed(3).padStart(10)}`),
    ...(r.total > shown.length ? [`… ${(r.total - shown.length).toLocaleString('en-US')} more in the dataset`] : []),
  ].join('\n');
}

export function registerEntities(program: Command): void {
  program
    .command('entities')
    .description('find the people, organisations and places named in a text column, with the mean sentiment of the texts naming each; written as a new dataset')
    .requiredOption('--dataset <name>', 'dataset name or id')
    .requiredOption('--text <column>', 'the text column to read')
    .option('--min-documents <n>', 'leave out entities named in fewer texts (default 1)')
    .option('--top <n>', 'entities to print (the dataset and --json have more)', '20')
    .option('--name <name>', "the new dataset's name (default: '<dataset> · entities')")
    .action(async (o: EntitiesCliOptions) => {
      await withCore(program.opts<GlobalOptions>(), async (core, out) => {
        const { jobId } = await core.call('text.entities', {
          dataset: o.dataset, text: o.text, name: o.name, minDocuments: o.minDocuments === undefined ? undefined : Number(o.minDocuments),
        });
        const r = await waitForJob(core, 'text.entities', jobId, out.json);
        out.result(r, () => entitiesSummary(r, Math.max(1, Number(o.top) || 20)));
      });
    });
}
