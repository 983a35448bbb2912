import type { Family } from '../../../shared/api/runs-dto';
import { FAMILY_LABEL, FAMILY_PARAMS } from './form';
import { useExperiments } from './store';
import { FormField } from './FormField';

const FAMILIES: Family[] = ['gbdt', 'forest', 'linear', 'mlp'];

/** The model family and its few parameters, each with its default filled in. */
export function FamilyParams() {
  const form = useExperiments((s) => s.form);
  const errors = useExperiments((s) => s.fieldErrors);
  const patch = useExperiments((s) => s.patchForm);
  const values = form.params[form.family];
  const set = (key: string, value: string) => patch({ params: { ...form.params, [form.family]: { ...values, [key]: value } } });

  return (
    <fieldset className="run-fieldset">
      <legend>Model</legend>
      <div className="family-choice" role="radiogroup" aria-label="Model family">
        {FAMILIES.map((f) => (
          <label key={f} className={`family-option${form.family === f ? ' active' : ''}`} data-testid={`family-${f}`}>
            <input type="radio" name="family" value={f} checked={form.family === f} onChange={() => patch({ family: f })} />
            <span className="family-name">{f}</span>
            <span className="muted family-desc">{FAMILY_LABEL[f]}</span>
          </label>
        ))}
      </div>
      <div className="run-form-grid params-grid">
        {FAMILY_PARAMS[form.family].map((p) => (
          <FormField key={`${form.family}.${p.key}`} label={p.label} name={`params.${p.key}`} hint={p.hint} error={errors[`params.${p.key}`]}>
            <input
              type={p.kind === 'text' ? 'text' : 'number'}
              inputMode={p.kind === 'text' ? 'numeric' : 'decimal'}
              step={p.step ?? (p.kind === 'int' ? '1' : 'any')}
              min={p.min}
              max={p.max}
              value={values[p.key] ?? ''}
              onChange={(e) => set(p.key, e.target.value)}
              aria-invalid={Boolean(errors[`params.${p.key}`])}
              data-testid={`param-${p.key}`}
            />
          </FormField>
        ))}
      </div>
    </fieldset>
  );
}
