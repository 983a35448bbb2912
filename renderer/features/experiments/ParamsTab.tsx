import { DEFAULT_FOLDS } from '../../../shared/api/methods/runs';
import type { RunDetailDto, SplitDto } from '../../../shared/api/runs-dto';
import { useExperiments } from './store';
import { formatValue } from './format';

function splitText(s: SplitDto, testName: string | null): string {
  if (s.kind === 'kfold') return `k-fold cross-validation, k = ${s.k ?? DEFAULT_FOLDS}`;
  if (s.kind === 'time') return `by time: the latest ${Math.round(s.testFraction * 100)} % of rows by “${s.column ?? '?'}” are tested`;
  if (s.kind === 'holdout') return `separate test dataset${testName ? `: ${testName}` : ''}`;
  return `random: ${Math.round(s.testFraction * 100)} % of rows held out for testing`;
}

/** Everything needed to reproduce the run: parameters, split, left-out columns, versions. */
export function ParamsTab({ run }: { run: RunDetailDto }) {
  const testName = useExperiments((s) => s.datasets.find((d) => d.id === run.testDatasetId)?.name ?? null);
  const given = Object.entries(run.params);
  return (
    <div className="params-tab" data-testid="run-params">
      <h4 className="run-subtitle">Parameters</h4>
      <dl className="facts params-facts">
        {given.map(([k, v]) => (
          // A network's own architecture is long JSON: its layers are on the Architecture tab.
          <Fact key={k} k={k} v={k === 'arch' ? (typeof v === 'string' && v.trim() ? 'custom (see Architecture)' : 'from hidden layers and dropout') : formatValue(v)} />
        ))}
      </dl>
      <p className="muted small-note">{given.length ? 'Anything not listed took' : 'Every parameter took'} the {run.family} trainer's default.</p>
      <h4 className="run-subtitle">Data</h4>
      <dl className="facts params-facts">
        <Fact k="split" v={splitText(run.split, testName)} />
        <Fact k="seed" v={String(run.seed ?? '—')} />
        <Fact k="left out" v={run.exclude.length ? run.exclude.join(', ') : 'nothing'} />
        <Fact k="dataset sha256" v={run.datasetSha256 ?? '—'} />
      </dl>
      <h4 className="run-subtitle">Versions</h4>
      <dl className="facts params-facts">
        <Fact k="backend" v={run.backend ?? '—'} />
        {Object.entries(run.versions)
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <Fact key={k} k={k} v={v} />
          ))}
      </dl>
    </div>
  );
}

function Fact({ k, v }: { k: string; v: string }) {
  return (
    <>
      <dt className="mono">{k}</dt>
      <dd className="mono">{v}</dd>
    </>
  );
}
