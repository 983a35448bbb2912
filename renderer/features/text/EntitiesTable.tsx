import { useMemo, useState } from 'react';
import type { EntityRowDto } from '../../../shared/api/text-dto';
import { ScoreBar } from './ScoreBar';
import { nextSort, sortEntities, type EntitySort, type EntitySortKey } from './entity-sort';
import { openDataset } from './open-dataset';
import { useText } from './store';

const COLUMNS: { key: EntitySortKey; label: string; num?: boolean }[] = [
  { key: 'entity', label: 'Entity' },
  { key: 'kind', label: 'Kind' },
  { key: 'documents', label: 'Texts', num: true },
  { key: 'mentions', label: 'Mentions', num: true },
  { key: 'meanSentiment', label: 'Mean sentiment' },
];

const KIND_LABEL: Record<EntityRowDto['kind'], string> = { person: 'person', organization: 'organisation', place: 'place' };

/** The people, organisations and places found, sortable by any column, with an example text each. */
export function EntitiesTable() {
  const found = useText((s) => s.results?.entities ?? null);
  const running = useText((s) => Boolean(s.entitiesJobId));
  const [sort, setSort] = useState<EntitySort>({ key: 'documents', dir: 'desc' });
  const rows = useMemo(() => (found ? sortEntities(found.rows, sort) : []), [found, sort]);
  return (
    <section className="text-block" aria-labelledby="text-entities-title" data-testid="text-entities">
      <div className="text-block-head">
        <h2 className="run-section-title" id="text-entities-title">
          People, organisations and places
        </h2>
        {found && (
          <span className="muted">
            {found.dataset.rows.toLocaleString()} found ·{' '}
            <button type="button" className="link text-link" onClick={() => void openDataset(found.dataset.id)}>
              {found.dataset.name}
            </button>
          </span>
        )}
      </div>
      {!found && <p className="muted">{running ? 'Reading the texts…' : 'Find entities to list who and what the texts name, with the mean sentiment of the texts that name each.'}</p>}
      {found && (
        <div className="text-table-wrap">
          <table className="table text-entities-table">
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th key={c.key} className={c.num ? 'num' : undefined} aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
                    <button type="button" className="th-sort" onClick={() => setSort(nextSort(sort, c.key))} data-testid={`entities-sort-${c.key}`}>
                      {c.label}
                      <span aria-hidden>{sort.key === c.key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                    </button>
                  </th>
                ))}
                <th>Example</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.kind}:${r.entity}`} data-testid="entity-row">
                  <td className="text-entity">{r.entity}</td>
                  <td>{KIND_LABEL[r.kind] ?? r.kind}</td>
                  <td className="num">{r.documents.toLocaleString()}</td>
                  <td className="num">{r.mentions.toLocaleString()}</td>
                  <td>
                    <ScoreBar score={r.meanSentiment} label={`mean sentiment ${r.meanSentiment.toFixed(2)}`} />
                  </td>
                  <td className="text-example" title={r.examples.join('\n\n')}>
                    {r.examples[0] ?? ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
