/**
 * The text features without training, as the host runs them: columns checked at once (so a
 * request naming a wrong column is refused before any job), then a worker job per feature.
 */
import { randomUUID } from 'node:crypto';
import type { ParsedArgsOf } from '../../../shared/api/contract';
import type { DatasetDetailDto } from '../../../shared/api/datasets-dto';
import type { TextAggregatesDto, TextResultsDto } from '../../../shared/api/text-dto';
import { dropTable, readRows, tableNameFor } from '../../data/db/dataset-tables';
import { latestDerived } from '../../data/db/text-tables';
import { entityFromCells, ENTITY_COLUMNS } from '../../data/text/entity-columns';
import { groupColumn, requireSomeText, textColumn, timeColumn } from '../../data/text/text-columns';
import { startProfile } from '../datasets/dataset-service';
import type { HostContext } from '../handlers/types';

/** Entities the Text page gets back: the most mentioned (the dataset has them all). */
const ENTITY_ROWS = 500;

function source(ctx: HostContext, dataset: string, text: string): DatasetDetailDto {
  const d = ctx.repos.datasets.get(ctx.repos.datasets.resolve(dataset, 'dataset'));
  requireSomeText(ctx.db, d, ctx.repos.datasets.table(d.id).table, textColumn(d, text));
  return d;
}

type DerivedKind = 'text.sentiment' | 'text.entities';

/**
 * Starts a job that writes a new dataset. Like an import, a worker stopped hard may leave its
 * table behind: dropped when the job ends unless the dataset was registered.
 */
function startDerived<K extends DerivedKind>(ctx: HostContext, kind: K, title: string, args: { sourceDatasetId: string; text: string; name: string; minDocuments?: number }) {
  const datasetId = randomUUID();
  const common = { datasetId, sourceDatasetId: args.sourceDatasetId, text: args.text, name: args.name };
  const hooks = {
    onSucceeded: <R>(r: R) => {
      ctx.events.emit('datasets.changed', { datasetId });
      if (ctx.host !== 'cli') startProfile(ctx, datasetId);
      return r;
    },
    onFinished: () => {
      if (!ctx.db.prepare('SELECT 1 FROM datasets WHERE id = ?').get(datasetId)) dropTable(ctx.db, tableNameFor(datasetId));
    },
  };
  const job =
    kind === 'text.sentiment'
      ? ctx.jobs.start('text.sentiment', title, common, hooks)
      : ctx.jobs.start('text.entities', title, { ...common, minDocuments: args.minDocuments ?? 1 }, hooks);
  return { jobId: job.id, datasetId };
}

export function startSentiment(ctx: HostContext, args: ParsedArgsOf<'text.sentiment'>): { jobId: string; datasetId: string } {
  const d = source(ctx, args.dataset, args.text);
  const name = args.name ?? `${d.name} · sentiment`;
  return startDerived(ctx, 'text.sentiment', `Score sentiment: ${d.name} · ${args.text}`, { sourceDatasetId: d.id, text: args.text, name });
}

export function startEntities(ctx: HostContext, args: ParsedArgsOf<'text.entities'>): { jobId: string; datasetId: string } {
  const d = source(ctx, args.dataset, args.text);
  const name = args.name ?? `${d.name} · entities`;
  return startDerived(ctx, 'text.entities', `Find entities: ${d.name} · ${args.text}`, { sourceDatasetId: d.id, text: args.text, name, minDocuments: args.minDocuments });
}

/** Runs the aggregates in a worker and waits for them (a second or two for thousands of texts). */
export function aggregates(ctx: HostContext, args: ParsedArgsOf<'text.aggregates'>): Promise<TextAggregatesDto> {
  const d = source(ctx, args.dataset, args.text);
  if (args.time !== undefined) timeColumn(d, args.time);
  if (args.by !== undefined) groupColumn(d, args.by);
  const { dataset: _ref, ...rest } = args;
  const job = ctx.jobs.start('text.aggregates', `Sentiment summary: ${d.name} · ${args.text}`, { ...rest, datasetId: d.id });
  return ctx.jobs.result('text.aggregates', job.id);
}

/** The newest sentiment and entities datasets made from this text column. */
export function results(ctx: HostContext, args: ParsedArgsOf<'text.results'>): TextResultsDto {
  const d = ctx.repos.datasets.get(ctx.repos.datasets.resolve(args.dataset, 'dataset'));
  textColumn(d, args.text);
  const from = { datasetId: d.id, column: args.text };
  const sentiment = latestDerived(ctx.db, { ...from, kind: 'sentiment' });
  const entities = latestDerived(ctx.db, { ...from, kind: 'entities' });
  const plain = (r: NonNullable<typeof sentiment>) => ({ id: r.id, name: r.name, rows: r.rows, createdAt: r.createdAt });
  return {
    sentiment: sentiment && plain(sentiment),
    entities: entities && {
      dataset: plain(entities),
      rows: readRows(ctx.db, entities.table, ENTITY_COLUMNS.length, 0, ENTITY_ROWS).map(entityFromCells),
    },
  };
}
