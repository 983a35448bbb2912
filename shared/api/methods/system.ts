import { z } from 'zod';
import { method } from '../define';
import type { AppInfoDto } from '../dto';

export const systemMethods = {
  'app.info': method<AppInfoDto>()(z.object({}).strict()),
  /** Starts a background machine check (CPU throughput); returns the job id at once. */
  'system.machineCheck': method<{ jobId: string }>()(
    z
      .object({
        seconds: z.number().min(0.5).max(600).default(10),
      })
      .strict(),
  ),
};
