import type { FormEvent } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useRecommendExplorer } from './explore-store';
import { Recommendations } from './ItemLists';
import { boundProblem, type PreferenceField } from './preferences';

const NONE: string[] = [];

/** Someone new: stated tastes (tags, categories, a budget) become a first list. */
export function ColdPanel() {
  const fields = useRecommendExplorer((s) => s.fields);
  const fieldsError = useRecommendExplorer((s) => s.fieldsError);
  const prefer = useRecommendExplorer((s) => s.prefer);
  const state = useRecommendExplorer((s) => s.forCold);
  const recommendCold = useRecommendExplorer((s) => s.recommendCold);
  const stated = Object.values(prefer).some((v) => v.length);
  const invalid = (fields ?? []).some((f) => f.kind === 'bound' && prefer[f.column]?.some((v) => boundProblem(v)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (stated && !invalid) void recommendCold();
  };

  return (
    <div className="rec-side-by-side" data-testid="rec-cold">
      <form className="rec-cold-form" onSubmit={submit} aria-label="Preferences of someone new">
        <ErrorBanner error={fieldsError} />
        {fields === null ? (
          <p className="muted">Reading the item features…</p>
        ) : fields.length === 0 ? (
          <p className="muted" data-testid="rec-cold-none">
            This model was trained without item features, so there is nothing to state preferences on. Train with an item features dataset (titles, genres, tags, prices) to
            recommend from stated tastes; a newcomer still gets the most popular items.
          </p>
        ) : (
          fields.map((f) => <PreferenceInput key={`${f.of}:${f.column}`} field={f} />)
        )}
        <div className="rec-group-go">
          <button type="submit" disabled={!stated || invalid || state.busy} data-testid="rec-cold-submit">
            {state.busy ? 'Recommending…' : 'Recommend'}
          </button>
          {!stated && fields?.length ? <span className="muted">Pick at least one preference.</span> : null}
        </div>
      </form>
      <Recommendations state={state} empty="State a few preferences, then Recommend." testId="rec-cold-result" />
    </div>
  );
}

/** Tags and categories as toggle chips; numbers as a bound; prose as words. */
function PreferenceInput({ field }: { field: PreferenceField }) {
  // The store's own array (or none): a fresh [] per render would never settle.
  const values = useRecommendExplorer((s) => s.prefer[field.column]) ?? NONE;
  const setPreference = useRecommendExplorer((s) => s.setPreference);
  const title = `${field.column}${field.of === 'user' ? ' (user segment)' : ''}`;
  if (field.kind === 'values') {
    const toggle = (v: string) => setPreference(field.column, values.includes(v) ? values.filter((x) => x !== v) : [...values, v]);
    return (
      <fieldset className="rec-pref" data-testid={`rec-pref-${field.column}`}>
        <legend>{title}</legend>
        <div className="rec-pref-values">
          {field.values.map((v) => (
            <button key={v} type="button" className={`rec-toggle${values.includes(v) ? ' on' : ''}`} aria-pressed={values.includes(v)} onClick={() => toggle(v)} data-value={v}>
              {v}
            </button>
          ))}
        </div>
      </fieldset>
    );
  }
  const text = values[0] ?? '';
  const problem = field.kind === 'bound' ? boundProblem(text) : null;
  return (
    <label className="field rec-pref" data-testid={`rec-pref-${field.column}`}>
      <span className="run-field-label">
        {title} <span className="muted">· {field.kind === 'bound' ? 'e.g. <=20, >=4 or 10..30' : 'words to look for'}</span>
      </span>
      <input value={text} onChange={(e) => setPreference(field.column, e.target.value.trim() ? [e.target.value] : [])} aria-invalid={Boolean(problem)} />
      {problem && <span className="field-error">{problem}</span>}
    </label>
  );
}

/** Items the model places near one item. */
export function SimilarPanel() {
  const similarTo = useRecommendExplorer((s) => s.similarTo);
  const state = useRecommendExplorer((s) => s.forSimilar);
  const { setSimilarTo, recommendSimilar } = useRecommendExplorer.getState();
  return (
    <div className="rec-side-by-side" data-testid="rec-similar">
      <form
        className="rec-cold-form"
        onSubmit={(e) => {
          e.preventDefault();
          void recommendSimilar();
        }}
      >
        <label className="field">
          <span className="run-field-label">Item id</span>
          <input value={similarTo} onChange={(e) => setSimilarTo(e.target.value)} placeholder="An item id as in the interactions" data-testid="rec-similar-item" />
        </label>
        <div className="rec-group-go">
          <button type="submit" disabled={!similarTo.trim() || state.busy} data-testid="rec-similar-submit">
            {state.busy ? 'Looking…' : 'Find similar items'}
          </button>
        </div>
      </form>
      <Recommendations state={state} empty="Give an item id to see the items the model treats as closest to it." testId="rec-similar-result" />
    </div>
  );
}
