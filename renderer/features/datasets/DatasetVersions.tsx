import type { DatasetVersionDto } from '../../../shared/api/datasets-dto';
import { formatWhen } from '../../components/format';
import './dataset-versions.css';

const KIND: Record<DatasetVersionDto['kind'], string> = { import: 'imported', append: 'appended', reimport: 're-imported' };

/**
 * A dataset's versions, newest first: rows as of each, what it added, when and from which file.
 * The list scrolls in a focusable region, so a long history can be read from the keyboard.
 */
export function DatasetVersions({ versions }: { versions: DatasetVersionDto[] }) {
  if (versions.length === 0) return null;
  return (
    <section className="dataset-versions" aria-labelledby="dataset-versions-title" data-testid="dataset-versions">
      <h3 id="dataset-versions-title">Versions</h3>
      <div className="dataset-versions-scroll" tabIndex={0} role="region" aria-label="Dataset versions">
        <table>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col" className="num">Rows</th>
              <th scope="col" className="num">Added</th>
              <th scope="col">Created</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {[...versions].reverse().map((v) => (
              <tr key={v.version} data-testid={`dataset-version-${v.version}`}>
                <th scope="row">v{v.version}</th>
                <td className="num">{v.rows.toLocaleString()}</td>
                <td className="num" title={`rows ${v.firstRow.toLocaleString()}–${v.lastRow.toLocaleString()}`}>
                  {KIND[v.kind]} {v.appended.toLocaleString()}
                </td>
                <td>{formatWhen(v.createdAt)}</td>
                <td className="mono" title={v.sha256 ? `sha256 ${v.sha256}` : undefined}>
                  {v.source ? v.source.replace(/^.*[\\/]/, '') : 'uploaded file'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
