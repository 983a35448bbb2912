import type { Command } from 'commander';
import type { SentimentIntervalDto, SentimentOutcomeDto, TextAggregatesDto } from '../../../shared/api/text-dto';
import { withCore, waitForJob } from '../run-job';
import type { GlobalOptions } from '../main';

interface SentimentCliOptions {
  dataset: string;
  text: string;
  by?: string;
  time?: string;
  bucket?: string;
  name?: string;
}

/** What `lathe sentiment --json` prints: the job's outcome, and the summaries --by / --time asked for. */
export interface SentimentCliResult extends SentimentOutcomeDto {
  groups?: TextAggregatesDto['groups'];
  time?: TextAggregatesDto['time'];
}

const num = (v: number) => (v >= 0 ? ' ' : '') + v.toFixed(3);

export function intervalLines(title: string, rows: SentimentIntervalDto[]): string[] {
  const width = Math.min(32, Math.max(5, ...rows.map((r) => r.key.length)));
  return [
    `${title} (mean score, 95 % interval, texts):`,
    ...rows.map((r) => `  ${r.key.slice(0, width).padEnd(width)}  ${num(r.mean)}  [${num(r.lo)}, ${num(r.hi)}]  ${r.n.toLocaleString('en-US').padStart(7)}`),
  ];
}

export function sentimentSummary(r: SentimentCliResult): string {
  const lines = [
    `Scored ${r.scored.toLocaleString('en-US')} texts of '${r.text}' in '${r.source.name}' with the lexicon (${(r.durationMs / 1000).toFixed(1)} s)${r.missing ? `; ${r.missing.toLocaleString('en-US')} rows without text left unscored` : ''}`,
    `New dataset '${r.dataset.name}' (${r.dataset.id.slice(0, 8)}): the original columns + ${r.scoreColumn}, ${r.labelColumn}`,
    `positive ${r.labels.positive.toLocaleString('en-US')} · neutral ${r.labels.neutral.toLocaleString('en-US')} · negative ${r.labels.negative.toLocaleString('en-US')} · mean score ${r.meanScore.toFixed(3)}`,
  ];
  if (r.groups) lines.push(...intervalLines(`By ${r.groups.column}`, r.groups.groups), ...(r.groups.more ? [`  … and ${r.groups.more} smaller groups`] : []));
  if (r.time) lines.push(...intervalLines(`By ${r.time.bucket} of ${r.time.column}`, r.time.points));
  return lines.join('\n');
}

export function registerSentiment(program: Command): void {
  program
    .command('sentiment')
    .description('score a text column with the sentiment lexicon (no training) and write the scores as a new dataset')
    .requiredOption('--dataset <name>', 'dataset name or id')
    .requiredOption('--text <column>', 'the text column to score')
    .option('--by <column>', 'also print the mean score per value of this column, with 95 % intervals')
    .option('--time <column>', 'also print the mean score per day, week or month of this date column')
    .option('--bucket <b>', 'with --time: auto (default), day, week or month')
    .option('--name <name>', "the new dataset's name (default: '<dataset> · sentiment')")
    .action(async (o: SentimentCliOptions) => {
      await withCore(program.opts<GlobalOptions>(), async (core, out) => {
        const { jobId } = await core.call('text.sentiment', { dataset: o.dataset, text: o.text, name: o.name });
        const result: SentimentCliResult = await waitForJob(core, 'text.sentiment', jobId, out.json);
        if (o.by !== undefined || o.time !== undefined) {
          const a = await core.call('text.aggregates', { dataset: result.source.id, text: o.text, by: o.by, time: o.time, bucket: o.bucket });
          if (a.groups) result.groups = a.groups;
          if (a.time) result.time = a.time;
        }
        out.result(result, () => sentimentSummary(result));
      });
    });
}
