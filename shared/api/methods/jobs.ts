import { z } from 'zod';
import { method } from '../define';
import { idSchema } from '../ids';
import type { JobDto } from '../dto';

const jobStatus = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted']);

export const jobMethods = {
  'jobs.list': method<JobDto[]>()(
    z
      .object({
        status: z.array(jobStatus).optional(),
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .strict(),
  ),
  'jobs.get': method<JobDto>()(z.object({ id: idSchema }).strict()),
  'jobs.cancel': method<JobDto>()(z.object({ id: idSchema }).strict()),
};
