import type { ModelVersionDto } from '../../../shared/api/methods/registry';
import { useUi } from '../../app/ui-store';
import { formatWhen } from '../../components/format';
import { formatAgo, formatMetricOf, headlineKeys, metricLabel, shortId } from '../experiments/format';
import { useExperiments } from '../experiments/store';
import { useExplorer } from '../explorer/store';
import { v } from './registry';

interface Props {
  versions: ModelVersionDto[];
  onPromote: (version: string) => void;
  onExport: (version: ModelVersionDto) => void;
}

const openRun = (runId: string) => {
  useExperiments.getState().select(runId);
  useUi.getState().setSection('experiments');
};

const explore = (ver: ModelVersionDto) => {
  useExplorer.getState().setModel(`${ver.name}@${ver.version}`);
  useUi.getState().setSection('explorer');
};

/** Every version with what it was trained on and how it scored; explore, promote or export it. */
export function VersionsTable({ versions, onPromote, onExport }: Props) {
  return (
    <div className="table-scroll">
      <table className="table registry-table" data-testid="versions-table">
        <thead>
          <tr>
            <th>Version</th>
            <th>Model</th>
            <th>Trained on</th>
            <th>Metrics</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {versions.map((ver) => (
            <tr key={ver.id} data-testid={`version-${ver.version}`}>
              <td>
                <div className="mono version-label">{v(ver.version)}</div>
                <div className="muted small-link nowrap" title={formatWhen(ver.createdAt)}>
                  {formatAgo(ver.createdAt)}
                </div>
                {ver.aliases.length > 0 && (
                  <div className="alias-chips" data-testid="version-aliases">
                    {ver.aliases.map((a) => (
                      <span key={a} className={`alias-chip alias-${a}`}>
                        {a}
                      </span>
                    ))}
                  </div>
                )}
              </td>
              <td>
                <div>
                  <strong>{ver.family ?? '—'}</strong> <span className="muted">{ver.task ?? ''}</span> → <span className="mono">{ver.target ?? '?'}</span>
                </div>
                <button type="button" className="inline-link mono small-link" onClick={() => openRun(ver.runId)} title="Open the run in Experiments" data-testid="version-run">
                  run {shortId(ver.runId)}
                </button>
                {ver.description && <div className="muted version-desc">{ver.description}</div>}
              </td>
              <td>
                <div>{ver.datasetName ?? <span className="muted">deleted dataset</span>}</div>
                <div className="muted mono small-link nowrap" title={ver.datasetSha256 ? `sha256 ${ver.datasetSha256}` : undefined}>
                  sha256 {ver.datasetSha256 ? ver.datasetSha256.slice(0, 8) : '—'}
                </div>
                <div className="muted small-link">seed {ver.seed ?? '—'}</div>
              </td>
              <td className="nowrap">
                {headlineKeys(ver.task, ver.metrics).map((k) => (
                  <div key={k}>
                    <span className="muted">{metricLabel(k)}</span> <span className="mono">{formatMetricOf(k, ver.metrics?.[k])}</span>
                  </div>
                ))}
              </td>
              <td>
                <div className="version-actions">
                  <button type="button" className="small" onClick={() => explore(ver)} data-testid="version-explore">
                    Explore
                  </button>
                  <button type="button" className="small" onClick={() => onPromote(ver.version)} data-testid="version-promote">
                    Promote…
                  </button>
                  <button type="button" className="small" onClick={() => onExport(ver)} data-testid="version-export">
                    Export…
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
