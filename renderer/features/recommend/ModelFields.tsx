import { RECOMMEND_DEFAULTS, RECOMMEND_MODEL_IDS, RECOMMEND_MODEL_SPECS, RECOMMEND_SPLITS, type RecommendModelId, type RecommendSplit } from '../../../shared/families/recommend';
import { FormField } from '../experiments/FormField';
import { ParamFields } from '../experiments/FamilyParams';
import { RECOMMEND_PARAMS, splitBlocked } from './form';
import { useRecommendForm } from './store';
import { OtherDatasetSelect } from '../experiments/DatasetSelect';

const SPLIT_LABEL: Record<RecommendSplit, string> = { random: 'Random', last: 'Leave last out', time: 'By time', test: 'Test dataset' };

/** The model with its description and short form of parameters (from its schema). */
export function ModelFields() {
  const form = useRecommendForm((s) => s.form);
  const errors = useRecommendForm((s) => s.fieldErrors);
  const patch = useRecommendForm((s) => s.patch);
  const spec = RECOMMEND_MODEL_SPECS[form.model];
  const values = form.params[form.model];
  const set = (key: string, value: string) => patch({ params: { ...form.params, [form.model]: { ...values, [key]: value } } });

  return (
    <fieldset className="run-fieldset">
      <legend>Model</legend>
      <div className="rec-model-row">
        <FormField label="Model" name="model" error={errors.model}>
          <select value={form.model} onChange={(e) => patch({ model: e.target.value as RecommendModelId })} data-testid="rec-model">
            {RECOMMEND_MODEL_IDS.map((m) => (
              <option key={m} value={m}>
                {RECOMMEND_MODEL_SPECS[m].label}
              </option>
            ))}
          </select>
        </FormField>
        <p className="rec-model-desc" data-testid="rec-model-desc">
          {spec.description}
          {spec.needsItemFeatures && <span className="muted"> Needs an item features dataset.</span>}
        </p>
      </div>
      <div className="run-form-grid params-grid">
        <ParamFields model={form.model} defs={RECOMMEND_PARAMS[form.model]} values={values} errors={errors} onChange={set} />
        <FormField label="List length k" name="k" hint={`1–${RECOMMEND_DEFAULTS.maxK}`} help="The headline metrics are taken at this many recommendations." error={errors.k}>
          <input type="number" min={1} max={RECOMMEND_DEFAULTS.maxK} step={1} inputMode="numeric" value={form.k} onChange={(e) => patch({ k: e.target.value })} aria-invalid={Boolean(errors.k)} data-testid="rec-k" />
        </FormField>
      </div>
    </fieldset>
  );
}

/** How interactions are held out to score on; the splits that need a time column say so. */
export function SplitChoice() {
  const form = useRecommendForm((s) => s.form);
  const errors = useRecommendForm((s) => s.fieldErrors);
  const patch = useRecommendForm((s) => s.patch);
  return (
    <fieldset className="run-fieldset" data-field="split">
      <legend>Evaluation</legend>
      <div className="rec-choice rec-splits" role="radiogroup" aria-label="How interactions are held out">
        {(Object.keys(RECOMMEND_SPLITS) as RecommendSplit[]).map((id) => {
          const blocked = splitBlocked(id, form);
          return (
            <label key={id} className={`family-option${form.split === id ? ' active' : ''}${blocked ? ' disabled' : ''}`} title={blocked ? `This split ${blocked}` : undefined} data-testid={`rec-split-${id}`}>
              <input type="radio" name="rec-split" value={id} checked={form.split === id} disabled={blocked !== null} onChange={() => patch({ split: id })} />
              <span className="family-name">{SPLIT_LABEL[id]}</span>
              <span className="muted family-desc">{blocked ? `Unavailable: ${blocked}.` : RECOMMEND_SPLITS[id]}</span>
            </label>
          );
        })}
      </div>
      {errors.split && (
        <span className="field-error" role="alert" data-testid="field-error-split">
          {errors.split}
        </span>
      )}
      {form.split === 'test' && (
        <div className="run-form-grid">
          <FormField label="Test interactions" name="testDataset" hint="same user and item columns" error={errors.testDataset}>
            <OtherDatasetSelect trainedOn={form.dataset} value={form.testDataset} onChange={(id) => patch({ testDataset: id })} empty="Choose a dataset…" invalid={Boolean(errors.testDataset)} testId="rec-test-dataset" />
          </FormField>
        </div>
      )}
    </fieldset>
  );
}
