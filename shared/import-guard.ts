/**
 * An import that would skip more than this share of its data rows as bad is refused, so that a
 * wrong delimiter, header or leading line cannot pass for a success; `allowSkipped` imports anyway.
 */
export const MAX_SKIPPED_SHARE = 0.01;

/** Whether skipping `skipped` of `dataRows` rows (kept and skipped) is more than the guard lets through. */
export function skipsTooMany(skipped: number, dataRows: number): boolean {
  return dataRows > 0 && skipped / dataRows > MAX_SKIPPED_SHARE;
}

/** "1 %": the limit as the user reads it. */
export const MAX_SKIPPED_PERCENT = `${MAX_SKIPPED_SHARE * 100} %`;

/** `details` of the refusal; the app reads them to offer importing anyway. */
export interface SkippedGuardDetails {
  reason: 'too_many_skipped';
  skipped: number;
  /** Data rows in the file: kept and skipped. */
  dataRows: number;
  limit: number;
  examples: { line: number; reason: string }[];
}

export function isSkippedGuard(details: unknown): details is SkippedGuardDetails {
  return typeof details === 'object' && details !== null && (details as { reason?: unknown }).reason === 'too_many_skipped';
}
