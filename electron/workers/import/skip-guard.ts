import { ApiError } from '../../../shared/api/errors';
import { MAX_SKIPPED_PERCENT, MAX_SKIPPED_SHARE, skipsTooMany, type SkippedGuardDetails } from '../../../shared/import-guard';

/**
 * Refuses an import that skipping bad rows would hollow out: a wrong delimiter, header or
 * leading line makes most rows "bad", and a dataset of what is left is not what the file holds.
 */
export function refuseLossy(base: string, kept: number, skipped: number, examples: { line: number; reason: string }[]): void {
  const dataRows = kept + skipped;
  if (!skipsTooMany(skipped, dataRows)) return;
  const share = ((skipped / dataRows) * 100).toFixed(1);
  const first = examples.slice(0, 3);
  const where = first.map((e) => `line ${e.line}: ${e.reason}`).join('; ');
  const details: SkippedGuardDetails = { reason: 'too_many_skipped', skipped, dataRows, limit: MAX_SKIPPED_SHARE, examples };
  throw new ApiError(
    'bad_request',
    `${base}: ${skipped.toLocaleString('en-US')} of ${dataRows.toLocaleString('en-US')} data rows (${share} %) do not parse and would be skipped, more than ${MAX_SKIPPED_PERCENT}` +
      `${where ? ` (${where})` : ''}. Nothing was imported: check the delimiter, header and leading lines, or allow skipped rows (--allow-skipped) to import anyway`,
    details,
  );
}
