import { useMemo } from 'react';
import { FAMILY_IDS as FAMILIES, MLP_DEFAULTS, familySpec, paramSchema } from '../../../shared/families/index';
import { FAMILY_LABEL, FAMILY_PARAMS, type ParamDef } from './form';
import { useExperiments } from './store';
import { FormField } from './FormField';
import { ArchitectureEditor } from '../nn/ArchitectureEditor';

/** The mlp's network: the editor, sized from the form's hidden layers and dropout and the chosen columns and task. */
function MlpArchitecture({ values, onChange }: { values: Record<string, string>; onChange: (arch: string) => void }) {
  const form = useExperiments((s) => s.form);
  const columns = useExperiments((s) => s.columns);
  const params = familySpec('mlp').params;
  const hidden = paramSchema(params.hidden).safeParse(values.hidden ?? '');
  const dropout = paramSchema(params.dropout).safeParse(values.dropout ?? '');
  const sizes = useMemo(
    () => ({ hidden: hidden.success ? (hidden.data as number[]) : [...MLP_DEFAULTS.hidden], dropout: dropout.success ? (dropout.data as number) : MLP_DEFAULTS.dropout }),
    [values.hidden, values.dropout],
  );
  const features = columns.filter((c) => c.name !== form.target && !form.exclude.includes(c.name)).length;
  const head = useMemo(
    () => (form.task === 'binary' ? { outputs: 1, activation: 'sigmoid' as const } : form.task === 'multiclass' ? { outputs: 2, activation: 'softmax' as const } : { outputs: 1, activation: 'linear' as const }),
    [form.task],
  );
  return <ArchitectureEditor arch={values.arch ?? ''} onChange={onChange} sizes={sizes} features={Math.max(1, features)} head={head} />;
}

/** One parameter's input: a list for choices, a text field for layer lists, a number field otherwise. */
export function ParamInput({ p, value, invalid, onChange }: { p: ParamDef; value: string; invalid: boolean; onChange: (v: string) => void }) {
  if (p.kind === 'enum' || p.kind === 'bool') {
    const choices = p.kind === 'bool' ? ['true', 'false'] : (p.choices ?? []);
    return (
      <select value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={invalid} data-testid={`param-${p.key}`}>
        {choices.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    );
  }
  const numeric = p.kind === 'int' || p.kind === 'float';
  return (
    <input
      type={numeric ? 'number' : 'text'}
      inputMode={numeric ? 'decimal' : 'numeric'}
      step={p.step}
      min={p.min}
      max={p.max}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-invalid={invalid}
      data-testid={`param-${p.key}`}
    />
  );
}

/** A model's parameters from its schema's short form, each a field keyed by model so a switch starts afresh. */
export function ParamFields(p: { model: string; defs: ParamDef[]; values: Record<string, string>; errors: Partial<Record<string, string>>; onChange: (key: string, value: string) => void }) {
  return p.defs.map((d) => (
    <FormField key={`${p.model}.${d.key}`} label={d.label} name={`params.${d.key}`} help={d.hint} error={p.errors[`params.${d.key}`]}>
      <ParamInput p={d} value={p.values[d.key] ?? ''} invalid={Boolean(p.errors[`params.${d.key}`])} onChange={(v) => p.onChange(d.key, v)} />
    </FormField>
  ));
}

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
        <ParamFields model={form.family} defs={FAMILY_PARAMS[form.family]} values={values} errors={errors} onChange={set} />
      </div>
      {form.family === 'mlp' && <MlpArchitecture values={values} onChange={(arch) => set('arch', arch)} />}
    </fieldset>
  );
}
