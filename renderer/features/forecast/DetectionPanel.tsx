import type { ForecastDetectionDto } from '../../../shared/api/forecast-dto';
import type { DuplicateRule } from './form';
import { formatGridTime, plural } from './format';
import { useForecast } from './store';

const RULES: { id: DuplicateRule; label: string }[] = [
  { id: 'error', label: 'Refuse: choose a rule' },
  { id: 'sum', label: 'Sum them' },
  { id: 'mean', label: 'Average them' },
  { id: 'last', label: 'Keep the last row' },
];

function pointsText(d: ForecastDetectionDto): string {
  const counts = d.series.map((s) => s.points);
  const total = counts.reduce((a, b) => a + b, 0);
  if (d.series.length === 1) return plural(total, 'point');
  return `${plural(total, 'point')} (${Math.min(...counts).toLocaleString()}–${Math.max(...counts).toLocaleString()} per series)`;
}

function spanText(d: ForecastDetectionDto): string {
  if (d.series.length === 0) return '—';
  const start = Math.min(...d.series.map((s) => s.start));
  const end = Math.max(...d.series.map((s) => s.end));
  return `${formatGridTime(start, d.frequency)} → ${formatGridTime(end, d.frequency)}`;
}

function gapsText(d: ForecastDetectionDto): string {
  const count = d.series.reduce((a, s) => a + s.gaps, 0);
  const empty = d.series.reduce((a, s) => a + s.missing, 0);
  const emptyText = empty ? `; ${plural(empty, 'target value')} empty` : '';
  if (count === 0 || d.gaps.length === 0) return `none${emptyText}`;
  // Only the first gaps are listed; counts per series stay exact.
  const steps = d.gaps.reduce((a, g) => a + g.length, 0);
  const stepsText = d.gaps.length < count ? `at least ${plural(steps, 'step')}` : plural(steps, 'step');
  const longest = d.gaps.reduce((a, g) => (g.length > a.length ? g : a));
  const where = `${d.series.length > 1 ? ` in “${longest.series}”` : ''} from ${formatGridTime(longest.start, d.frequency)}`;
  return `${plural(count, 'gap')}, ${stepsText} filled as missing (longest ${plural(longest.length, 'step')}${where})${emptyText}`;
}

/** What the host found in the chosen columns before anything is fitted, and the choices it asks for. */
export function DetectionPanel() {
  const form = useForecast((s) => s.form);
  const detection = useForecast((s) => s.detection);
  const detecting = useForecast((s) => s.detecting);
  const error = useForecast((s) => s.detectError);
  const patch = useForecast((s) => s.patch);
  if (!form.time || !form.target) return null;

  if (error) {
    return (
      <div className="forecast-detect forecast-detect-error" role="alert" data-testid="forecast-detect-error">
        <strong>Cannot forecast these columns.</strong> {error}
        {/duplicate|several rows/i.test(error) && <RuleSelect value={form.duplicates} onChange={(duplicates) => patch({ duplicates })} />}
      </div>
    );
  }
  if (!detection) {
    return (
      <div className="forecast-detect muted" aria-live="polite" data-testid="forecast-detecting">
        {detecting ? 'Checking the series: frequency, gaps, duplicates…' : null}
      </div>
    );
  }
  const d = detection;
  const dupRows = d.duplicates.reduce((a, x) => a + x.count, 0);
  const showRule = d.duplicates.length > 0 || form.duplicates !== 'error';
  return (
    <section className={`forecast-detect${detecting ? ' stale' : ''}`} aria-label="What was detected" aria-busy={detecting} data-testid="forecast-detection">
      <dl className="forecast-detect-facts">
        <dt>Frequency</dt>
        <dd data-testid="detect-frequency">{d.frequency}</dd>
        <dt>Series</dt>
        <dd data-testid="detect-series">{d.series.length.toLocaleString()}</dd>
        <dt>Points</dt>
        <dd data-testid="detect-points">{pointsText(d)}</dd>
        <dt>Span</dt>
        <dd>{spanText(d)}</dd>
        <dt>Gaps</dt>
        <dd data-testid="detect-gaps">{gapsText(d)}</dd>
        <dt>Duplicates</dt>
        <dd data-testid="detect-duplicates">
          {d.duplicates.length === 0 ? 'none' : `${plural(d.duplicates.length, 'time point')} with several rows (${dupRows.toLocaleString()} rows)`}
          {showRule && <RuleSelect value={form.duplicates} onChange={(duplicates) => patch({ duplicates })} />}
        </dd>
        <dt>Seasons</dt>
        <dd data-testid="detect-seasons">
          {d.seasonalPeriods.length ? `${d.seasonalPeriods.join(', ')} steps proposed` : 'none proposed'}
          {d.minSeasons > 0 && <span className="muted"> · the shortest series holds {plural(d.minSeasons, 'full season')}</span>}
        </dd>
      </dl>
      {d.notes.length > 0 && (
        <ul className="forecast-notes" data-testid="detect-notes">
          {d.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RuleSelect({ value, onChange }: { value: DuplicateRule; onChange: (r: DuplicateRule) => void }) {
  return (
    <label className="forecast-rule">
      <span className="muted">Rows at one time: </span>
      <select value={value} onChange={(e) => onChange(e.target.value as DuplicateRule)} aria-label="How to combine rows at one time point" data-testid="forecast-duplicates">
        {RULES.map((r) => (
          <option key={r.id} value={r.id}>
            {r.label}
          </option>
        ))}
      </select>
    </label>
  );
}
