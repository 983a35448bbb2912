import { FormField } from '../experiments/FormField';
import { useRecommendForm } from './store';
import { OtherDatasetSelect } from '../experiments/DatasetSelect';

/** Optional item and user features: which dataset, and the column that joins it to the interactions. */
export function FeatureFields() {
  const form = useRecommendForm((s) => s.form);
  const errors = useRecommendForm((s) => s.fieldErrors);
  const featureColumns = useRecommendForm((s) => s.featureColumns);
  const setFeatures = useRecommendForm((s) => s.setFeatures);
  const patch = useRecommendForm((s) => s.patch);
  const open = Boolean(form.itemFeatures || form.userFeatures || errors.itemFeatures || errors.itemKey || errors.userKey);

  const part = (which: 'item' | 'user') => {
    const ds = which === 'item' ? form.itemFeatures : form.userFeatures;
    const keyField = which === 'item' ? 'itemKey' : 'userKey';
    const key = which === 'item' ? form.itemKey : form.userKey;
    const cols = ds ? featureColumns[ds] : undefined;
    return (
      <>
        <FormField
          label={which === 'item' ? 'Item features' : 'User features'}
          name={which === 'item' ? 'itemFeatures' : 'userFeatures'}
          hint="optional dataset"
          help={which === 'item' ? 'Titles, categories, tags, prices: for the content model, cold items, reasons and the item map.' : 'A category of users (country, plan) lets popularity and cold users fall back to their segment.'}
          error={errors[which === 'item' ? 'itemFeatures' : 'userFeatures']}
        >
          <OtherDatasetSelect trainedOn={form.dataset} value={ds} onChange={(id) => setFeatures(which, id)} empty="None" testId={`rec-${which}-features`} />
        </FormField>
        <FormField label={`${which === 'item' ? 'Item' : 'User'} key`} name={keyField} hint={`its ${which} id column`} error={errors[keyField]}>
          <select value={key} onChange={(e) => patch({ [keyField]: e.target.value })} disabled={!ds || !cols} aria-invalid={Boolean(errors[keyField])} data-testid={`rec-${which}-key`}>
            <option value="">{!ds ? '—' : cols ? 'Choose a column…' : 'Reading columns…'}</option>
            {(cols ?? []).map((c) => (
              <option key={c.name} value={c.name}>
                {c.name} · {c.type}
              </option>
            ))}
          </select>
        </FormField>
      </>
    );
  };

  return (
    <details className="exclude-box rec-features" open={open || undefined} data-testid="rec-features">
      <summary>
        Item and user features <span className="muted">(optional{form.itemFeatures || form.userFeatures ? ', in use' : ''})</span>
      </summary>
      <div className="run-form-grid">
        {part('item')}
        {part('user')}
      </div>
    </details>
  );
}
