import { z } from 'zod';
import { method } from '../define';
import { idSchema } from '../ids';
import type { DatasetSummaryDto, ModelSummaryDto, RunSummaryDto } from '../dto';

/** Read-only listings behind the main sections. */
export const catalogMethods = {
  'datasets.list': method<DatasetSummaryDto[]>()(z.object({}).strict()),
  'runs.list': method<RunSummaryDto[]>()(
    z.object({ datasetId: idSchema.optional(), limit: z.number().int().min(1).max(100000).default(1000) }).strict(),
  ),
  'models.list': method<ModelSummaryDto[]>()(z.object({}).strict()),
};
