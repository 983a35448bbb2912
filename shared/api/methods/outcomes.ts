import { z } from 'zod';
import { method } from '../define';
import { refSchema } from '../ids';
import type { OutcomesReportDto } from '../outcomes-dto';

const column = z.string().min(1).max(200);

/** How outcomes are grouped: calendar days or weeks (UTC, by the time column), or every N rows. */
export const outcomeWindow = z.union([z.enum(['day', 'week']), z.number().int().min(1).max(10_000_000)]);

export const outcomesArgs = z
  .object({
    /** NAME@VERSION or NAME@ALIAS whose predictions are judged. */
    model: refSchema,
    /**
     * A dataset of the version's predictions: a batch prediction file imported (key and predicted_TARGET), or a model
     * server's log imported (its served 'prediction' lines of this version are joined by id).
     */
    predictions: refSchema,
    /** A dataset of what happened: the key, the actual value and, for day/week windows, a time; or a server log (its 'feedback' lines). */
    outcomes: refSchema,
    /** The column both datasets share; default: prediction_id, id, row_id or key, whichever both have. */
    key: column.optional(),
    /** Default: predicted_TARGET (what batch prediction writes), or a server log's output. */
    predicted: column.optional(),
    /** Default: the model's target column, or a server log's actual. */
    actual: column.optional(),
    /** Default: the outcomes' first date column, else the predictions'. */
    time: column.optional(),
    window: outcomeWindow.default('week'),
  })
  .strict();
export type OutcomesArgs = z.output<typeof outcomesArgs>;

export const outcomesMethods = {
  /** Outcomes joined to a version's predictions: metrics per window with 95 % intervals; computed in a worker, waits for it. */
  'monitor.outcomes': method<OutcomesReportDto>()(outcomesArgs),
};
