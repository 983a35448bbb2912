/**
 * People, organisations and places named in a text column, with mentions, documents, the mean
 * lexicon score of the texts naming each and example texts; written as a new dataset (one row per
 * entity) so the Text page, the Datasets section and the CLI all see the same stored table.
 */
import { lexiconSentiment } from '../../../models/text';
import { ApiError } from '../../../shared/api/errors';
import type { EntitiesOutcomeDto, EntityRowDto } from '../../../shared/api/text-dto';
import { ENTITY_COLUMNS, entityCells, shorten } from '../../data/text/entity-columns';
import type { Task } from '../protocol';
import { DerivedDatasetWriter } from './derived-table';
import { EntityMerger } from './entity-merge';
import { openTextSource, readTexts } from './source';

/** Texts per chunk: the tagger takes ~2 ms a sentence, so progress and cancel come every ~0.5 s. */
const CHUNK = 250;
/** Example texts kept per entity. */
const EXAMPLES = 3;
/** Entities in the job's result (the dataset keeps all). */
export const ENTITIES_IN_RESULT = 200;

export const entitiesTask: Task<'text.entities'> = async (args, ctx) => {
  const started = performance.now();
  const src = openTextSource(ctx, args.sourceDatasetId, args.text);
  let writer: DerivedDatasetWriter | null = null;
  try {
    const texts = readTexts(src, ctx, 0.05, 'reading texts');
    if (!texts) return null;
    const merger = new EntityMerger(EXAMPLES);
    for (let start = 0; start < texts.length; start += CHUNK) {
      if (ctx.cancelled()) return null;
      // Missing texts stay in place (as empty strings) so indices are row numbers.
      const chunk = texts.slice(start, start + CHUNK).map((t) => t ?? '');
      merger.add(chunk, chunk.map((t) => (t ? lexiconSentiment(t).score : 0)), start);
      ctx.progress(0.05 + 0.9 * Math.min(1, (start + CHUNK) / texts.length), `${Math.min(texts.length, start + CHUNK).toLocaleString('en-US')} texts read`);
    }
    const table = merger.table(args.minDocuments);
    if (table.length === 0) {
      throw new ApiError('bad_request', `No people, organisations or places were found in '${args.text}'${args.minDocuments > 1 ? ` in ${args.minDocuments} or more texts` : ''}`, { field: 'text' });
    }
    const w = (writer = new DerivedDatasetWriter(src.db, args.datasetId, ENTITY_COLUMNS));
    const rows: EntityRowDto[] = table.map((e) => ({
      entity: e.name, kind: e.kind, mentions: e.mentions, documents: e.documents, meanSentiment: e.meanSentiment,
      examples: e.examples.map((i) => texts[i] ?? '').slice(0, EXAMPLES),
    }));
    for (const r of rows) w.push(entityCells(r));
    if (ctx.cancelled()) {
      writer.discard();
      return null;
    }
    const { detail } = src;
    const dataset = writer.finish(args.name, detail, { kind: 'entities', datasetId: detail.id, datasetName: detail.name, column: args.text });
    const outcome: EntitiesOutcomeDto = {
      dataset,
      source: { id: detail.id, name: detail.name },
      text: args.text,
      texts: texts.filter((t) => t !== null).length,
      total: rows.length,
      entities: rows.slice(0, ENTITIES_IN_RESULT).map((r) => ({ ...r, examples: r.examples.map((t) => shorten(t)) })),
      durationMs: Math.round(performance.now() - started),
    };
    return outcome;
  } catch (err) {
    writer?.discard();
    throw err;
  } finally {
    src.db.close();
  }
};
