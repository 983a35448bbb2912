import { MAX_SKIPPED_PERCENT, type SkippedGuardDetails } from '../../../shared/import-guard';

/**
 * The last import was refused for skipping too many rows: what it met, and the explicit way to
 * import anyway. Options that read the file right (a header, leading lines) make it unnecessary.
 */
export function ImportGuardNotice({ guard, allow, onAllow }: { guard: SkippedGuardDetails; allow: boolean; onAllow(allow: boolean): void }) {
  const n = guard.skipped.toLocaleString();
  return (
    <div className="import-guard" role="alert" data-testid="import-guard">
      <p>
        <strong>
          {n} of {guard.dataRows.toLocaleString()} rows did not parse
        </strong>{' '}
        — more than {MAX_SKIPPED_PERCENT}, so nothing was imported.
        {guard.examples.length > 0 && ` First: ${guard.examples.slice(0, 3).map((e) => `line ${e.line}: ${e.reason}`).join('; ')}.`}
      </p>
      <label className="check">
        <input type="checkbox" checked={allow} onChange={(e) => onAllow(e.target.checked)} data-testid="import-allow-skipped" />
        Import anyway, skipping {n} rows
      </label>
    </div>
  );
}
