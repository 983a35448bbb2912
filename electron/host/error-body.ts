import { ApiError, type ApiErrorBody } from '../../shared/api/errors';
import { isBusy } from '../data/db/busy';
import type { Logger } from '../data/log';

/**
 * What a caller sees of a failure. ApiErrors cross as they are; a busy database becomes a
 * retryable `busy` (503); anything else is `internal` (500) with a short message, its stack in
 * the log.
 */
export function errorBody(err: unknown, log: Logger, method: string): ApiErrorBody {
  if (err instanceof ApiError) {
    if (err.code === 'internal') log.error(`${method} failed`, { method, err });
    return err.toBody();
  }
  if (isBusy(err)) {
    log.warn(`${method}: database busy`, { method, err });
    return { code: 'busy', message: 'The database is busy (another Lathe process is writing to it); try again in a moment.' };
  }
  log.error(`${method} failed unexpectedly`, { method, err });
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: `Something went wrong in ${method}: ${message.split('\n')[0].slice(0, 200)} (details in lathe.log)` };
}
