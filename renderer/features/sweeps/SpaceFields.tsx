import { useId } from 'react';
import { useSweeps } from './store';
import { emptySpaceRow, paramKeys, spaceString, type FixedRow, type SpaceRow } from './sweep-form';

/** The search space, a row per parameter, each shown as the host reads it (`maxDepth=3..8`). */
export function SpaceFields() {
  const form = useSweeps((s) => s.form);
  const errors = useSweeps((s) => s.fieldErrors);
  const patch = useSweeps((s) => s.patchForm);
  const listId = useId();
  const setRow = (i: number, p: Partial<SpaceRow>) => patch({ space: form.space.map((r, j) => (j === i ? { ...r, ...p } : r)) });
  const setFixed = (i: number, p: Partial<FixedRow>) => patch({ fixed: form.fixed.map((r, j) => (j === i ? { ...r, ...p } : r)) });

  return (
    <>
      <datalist id={listId}>
        {paramKeys(form.family).map((k) => (
          <option key={k} value={k} />
        ))}
      </datalist>
      <fieldset className="run-fieldset" data-testid="sweep-space">
        <legend>Search space</legend>
        <span className="muted small-note" data-testid="sweep-param-names">
          {form.family} parameters: {paramKeys(form.family).join(', ')}
        </span>
        {form.space.map((r, i) => (
          <div key={i} className="space-row-wrap">
            <div className="space-row">
              <input aria-label="Parameter" placeholder="parameter" list={listId} value={r.key} onChange={(e) => setRow(i, { key: e.target.value })} data-testid={`space-key-${i}`} aria-invalid={Boolean(errors[`space.${i}`])} />
              <select aria-label="Kind" value={r.kind} onChange={(e) => setRow(i, { kind: e.target.value as SpaceRow['kind'] })} data-testid={`space-kind-${i}`}>
                <option value="range">range</option>
                <option value="choices">choices</option>
              </select>
              {r.kind === 'range' ? (
                <>
                  <input aria-label="From" placeholder="from" inputMode="decimal" value={r.lo} onChange={(e) => setRow(i, { lo: e.target.value })} data-testid={`space-lo-${i}`} />
                  <input aria-label="To" placeholder="to" inputMode="decimal" value={r.hi} onChange={(e) => setRow(i, { hi: e.target.value })} data-testid={`space-hi-${i}`} />
                  <label className="space-log" title="Sample on a log scale (for rates and penalties)">
                    <input type="checkbox" checked={r.log} onChange={(e) => setRow(i, { log: e.target.checked })} data-testid={`space-log-${i}`} /> log
                  </label>
                </>
              ) : (
                <input className="space-choices" aria-label="Choices" placeholder="a|b|c" value={r.choices} onChange={(e) => setRow(i, { choices: e.target.value })} data-testid={`space-choices-${i}`} />
              )}
              <code className="space-preview muted" data-testid={`space-preview-${i}`}>
                {r.key ? spaceString(r) : ''}
              </code>
              <button type="button" className="link" aria-label={`Remove ${r.key || 'row'}`} onClick={() => patch({ space: form.space.filter((_, j) => j !== i) })} data-testid={`space-remove-${i}`}>
                ✕
              </button>
            </div>
            {errors[`space.${i}`] && <span className="field-error" role="alert">{errors[`space.${i}`]}</span>}
          </div>
        ))}
        {errors.space && <span className="field-error" role="alert">{errors.space}</span>}
        <button type="button" className="small space-add" onClick={() => patch({ space: [...form.space, emptySpaceRow()] })} data-testid="space-add">
          + Parameter to search
        </button>
      </fieldset>
      <fieldset className="run-fieldset" data-testid="sweep-fixed">
        <legend>Fixed parameters</legend>
        {form.fixed.length === 0 && <span className="muted small-note">None: everything not searched takes the trainer’s default.</span>}
        {form.fixed.map((r, i) => (
          <div key={i} className="space-row-wrap">
            <div className="fixed-row">
              <input aria-label="Parameter" placeholder="parameter" list={listId} value={r.key} onChange={(e) => setFixed(i, { key: e.target.value })} data-testid={`fixed-key-${i}`} />
              <input aria-label={`Value of ${r.key || 'parameter'}`} placeholder="value" value={r.value} onChange={(e) => setFixed(i, { value: e.target.value })} data-testid={`fixed-value-${i}`} />
              <button type="button" className="link" aria-label={`Remove ${r.key || 'row'}`} onClick={() => patch({ fixed: form.fixed.filter((_, j) => j !== i) })}>
                ✕
              </button>
            </div>
            {errors[`fixed.${i}`] && <span className="field-error" role="alert">{errors[`fixed.${i}`]}</span>}
          </div>
        ))}
        <button type="button" className="small space-add" onClick={() => patch({ fixed: [...form.fixed, { key: '', value: '' }] })} data-testid="fixed-add">
          + Fixed parameter
        </button>
      </fieldset>
    </>
  );
}
