import type { ColumnDto } from '../../../shared/api/datasets-dto';
import { FormField } from '../experiments/FormField';
import { roleColumns, type FeedbackKind } from './form';
import { useRecommendForm } from './store';

const options = (cols: ColumnDto[]) =>
  cols.map((c) => (
    <option key={c.name} value={c.name}>
      {c.name} · {c.type}
    </option>
  ));

const FEEDBACK: { id: FeedbackKind; label: string; hint: string }[] = [
  { id: 'rating', label: 'Ratings', hint: 'explicit scores, e.g. 1–5 stars' },
  { id: 'event', label: 'Events', hint: 'types of interaction, each with a weight' },
  { id: 'count', label: 'Counts', hint: 'plays, visits, purchases' },
  { id: 'none', label: 'Presence only', hint: 'every interaction weighs 1' },
];

/** Who interacted with what, how strongly, and when. */
export function RoleFields() {
  const form = useRecommendForm((s) => s.form);
  const columns = useRecommendForm((s) => s.columns);
  const ready = useRecommendForm((s) => s.columnsFor === s.form.dataset);
  const errors = useRecommendForm((s) => s.fieldErrors);
  const setRole = useRecommendForm((s) => s.setRole);
  const patch = useRecommendForm((s) => s.patch);
  const { ids, numbers, events, times } = roleColumns(columns);
  const placeholder = ready ? 'Choose a column…' : 'Reading columns…';

  return (
    <>
      <div className="run-form-grid">
        <FormField label="User" name="user" hint="who interacted" error={errors.user}>
          <select value={form.user} onChange={(e) => setRole('user', e.target.value)} disabled={!ready} aria-invalid={Boolean(errors.user)} data-testid="rec-user">
            <option value="">{placeholder}</option>
            {options(ids)}
          </select>
        </FormField>
        <FormField label="Item" name="item" hint="with what" error={errors.item}>
          <select value={form.item} onChange={(e) => setRole('item', e.target.value)} disabled={!ready} aria-invalid={Boolean(errors.item)} data-testid="rec-item">
            <option value="">{placeholder}</option>
            {options(ids.filter((c) => c.name !== form.user))}
          </select>
        </FormField>
        <FormField label="Time" name="time" hint="optional; needed by the last and time splits" error={errors.time}>
          <select value={form.time} onChange={(e) => setRole('time', e.target.value)} disabled={!ready} data-testid="rec-time">
            <option value="">{ready && times.length === 0 ? 'No date or number column' : 'No time column'}</option>
            {options(times.filter((c) => c.name !== form.user && c.name !== form.item))}
          </select>
        </FormField>
      </div>
      <fieldset className="run-fieldset rec-feedback">
        <legend>Strength of an interaction</legend>
        <div className="rec-choice" role="radiogroup" aria-label="Strength of an interaction">
          {FEEDBACK.map((f) => (
            <label key={f.id} className={`family-option${form.feedback === f.id ? ' active' : ''}`} data-testid={`rec-feedback-${f.id}`}>
              <input type="radio" name="rec-feedback" value={f.id} checked={form.feedback === f.id} onChange={() => patch({ feedback: f.id })} />
              <span className="family-name">{f.label}</span>
              <span className="muted family-desc">{f.hint}</span>
            </label>
          ))}
        </div>
        <div className="run-form-grid">
          {form.feedback === 'rating' && (
            <FormField label="Rating" name="rating" hint="numeric" error={errors.rating}>
              <select value={form.rating} onChange={(e) => setRole('rating', e.target.value)} disabled={!ready} aria-invalid={Boolean(errors.rating)} data-testid="rec-rating">
                <option value="">{placeholder}</option>
                {options(numbers.filter((c) => c.name !== form.user && c.name !== form.item))}
              </select>
            </FormField>
          )}
          {form.feedback === 'count' && (
            <FormField label="Count" name="count" hint="numeric" error={errors.count}>
              <select value={form.count} onChange={(e) => setRole('count', e.target.value)} disabled={!ready} aria-invalid={Boolean(errors.count)} data-testid="rec-count">
                <option value="">{placeholder}</option>
                {options(numbers.filter((c) => c.name !== form.user && c.name !== form.item))}
              </select>
            </FormField>
          )}
          {form.feedback === 'event' && (
            <FormField label="Event" name="event" hint="the type of each interaction" error={errors.event}>
              <select value={form.event} onChange={(e) => setRole('event', e.target.value)} disabled={!ready} aria-invalid={Boolean(errors.event)} data-testid="rec-event">
                <option value="">{placeholder}</option>
                {options(events.filter((c) => c.name !== form.user && c.name !== form.item))}
              </select>
            </FormField>
          )}
        </div>
        {form.feedback === 'event' && form.event && <WeightsEditor />}
      </fieldset>
    </>
  );
}

/** One weight per event type found in the column, each starting at 1. */
function WeightsEditor() {
  const weights = useRecommendForm((s) => s.form.weights);
  const read = useRecommendForm((s) => s.eventValuesFor === s.form.event);
  const error = useRecommendForm((s) => s.fieldErrors.weights);
  const patch = useRecommendForm((s) => s.patch);
  const setWeight = (i: number, weight: string) => patch({ weights: weights.map((w, j) => (j === i ? { ...w, weight } : w)) });
  return (
    <div className="rec-weights" data-field="weights" data-testid="rec-weights">
      <span className="run-field-label">
        Weights <span className="muted">· how much each event type counts (e.g. view = 1, booking = 5)</span>
      </span>
      {!read ? (
        <p className="muted">Reading the event types…</p>
      ) : weights.length === 0 ? (
        <p className="muted">This column holds no values.</p>
      ) : (
        <ul className="rec-weight-list">
          {weights.map((w, i) => (
            <li key={w.event}>
              <label>
                <span className="mono">{w.event}</span>
                <span aria-hidden>=</span>
                <input
                  type="number"
                  step="any"
                  inputMode="decimal"
                  value={w.weight}
                  onChange={(e) => setWeight(i, e.target.value)}
                  aria-label={`Weight of ${w.event}`}
                  aria-invalid={Boolean(error)}
                  data-testid={`rec-weight-${w.event}`}
                />
              </label>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <span className="field-error" role="alert" data-testid="field-error-weights">
          {error}
        </span>
      )}
    </div>
  );
}
