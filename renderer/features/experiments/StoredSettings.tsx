import { Fragment } from 'react';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import { formatValue } from './format';

type Entries = [string, unknown][];

// Unset and empty settings say nothing a re-run would use.
const shown = (entries: Entries) => entries.filter(([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0));
const text = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.entries(v).map(([k, x]) => `${k} = ${formatValue(x)}`).join(', ') : formatValue(v));

function Facts({ entries }: { entries: Entries }) {
  return (
    <dl className="facts params-facts">
      {shown(entries).map(([k, v]) => (
        <Fragment key={k}>
          <dt className="mono">{k}</dt>
          <dd className="mono">{text(v)}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

/** The stored arguments of a task's run (its spec, or null when none was kept): what a re-run replays. */
export function StoredSettings({ run, spec, testId }: { run: RunDetailDto; spec: { params: Record<string, unknown> } | null; testId: string }) {
  const { params, ...rest } = spec ?? { params: run.params };
  return (
    <div data-testid={testId}>
      <h4 className="run-subtitle">Data and evaluation</h4>
      {spec ? <Facts entries={Object.entries(rest)} /> : <p className="muted">Not stored with this run.</p>}
      <h4 className="run-subtitle">Model parameters</h4>
      {shown(Object.entries(params)).length ? <Facts entries={Object.entries(params)} /> : <p className="muted">This model has no parameters.</p>}
      <p className="muted small-note">
        Dataset sha256 <span className="mono">{run.datasetSha256 ?? '—'}</span>. Re-run replays exactly these settings.
      </p>
    </div>
  );
}
