import { z } from 'zod';
import { method } from '../define';
import { refSchema } from '../ids';
import type { TextAggregatesDto, TextResultsDto } from '../text-dto';

const column = z.string().min(1).max(200);
const datasetName = z.string().trim().min(1).max(200);

/** A text column of a dataset (its id or name). */
export const textSource = z.object({ dataset: refSchema, text: column }).strict();

export const sentimentArgs = textSource.extend({ name: datasetName.optional() }).strict();
export const entitiesArgs = textSource
  .extend({
    name: datasetName.optional(),
    /** Entities named in fewer texts are left out. */
    minDocuments: z.number().int().min(1).max(1000).default(1),
  })
  .strict();

export const aggregatesArgs = textSource
  .extend({
    /** A date or datetime column: the mean per day, week or month. */
    time: column.optional(),
    /** 'auto': days up to 90 days of data, weeks up to two years, months beyond. */
    bucket: z.enum(['auto', 'day', 'week', 'month']).default('auto'),
    /** A column whose values are groups: the mean per group. */
    by: column.optional(),
    /** Most positive and most negative terms to list. */
    terms: z.number().int().min(1).max(50).default(10),
    /** Terms used by fewer texts are not listed. */
    minDocuments: z.number().int().min(1).max(1000).default(3),
    /** Example texts at each end. */
    examples: z.number().int().min(1).max(20).default(5),
  })
  .strict();
export type AggregatesArgs = z.output<typeof aggregatesArgs>;

export const textMethods = {
  /**
   * Scores every row of a text column with the lexicon (no training) in a job and writes a new
   * dataset: the original columns + sentiment_score and sentiment_label. The original is never changed.
   */
  'text.sentiment': method<{ jobId: string; datasetId: string }>()(sentimentArgs),
  /** Finds people, organisations and places in a text column (a job); writes them as a new dataset. */
  'text.entities': method<{ jobId: string; datasetId: string }>()(entitiesArgs),
  /** Lexicon sentiment over time and per group with bootstrap intervals, top terms and example texts; waits for its worker. */
  'text.aggregates': method<TextAggregatesDto>()(aggregatesArgs),
  /** The latest sentiment and entities datasets made from a text column, with the entities' rows. */
  'text.results': method<TextResultsDto>()(textSource),
};
