import { useDatasets } from './store';

/** The bundled sample datasets, each a button that imports it; `onPicked` runs after a click. */
export function SampleList({ title = 'Try a sample', onPicked }: { title?: string; onPicked?: () => void }) {
  const samples = useDatasets((s) => s.samples);
  const importSample = useDatasets((s) => s.importSample);
  const importing = useDatasets((s) => s.importJobId !== null || s.upload !== null);
  if (samples.length === 0) return null;

  return (
    <div className="samples" role="group" aria-label="Sample datasets">
      {title && <h3>{title}</h3>}
      <ul>
        {samples.map((s) => (
          <li key={s.id}>
            <button
              type="button"
              className="sample"
              onClick={() => {
                void importSample(s.id);
                onPicked?.();
              }}
              disabled={importing}
              data-testid={`sample-${s.id}`}
              aria-label={`Import sample ${s.name}`}
            >
              <span className="sample-name">
                {s.name} <span className="sample-rows">{s.rows.toLocaleString()} rows</span>
              </span>
              <span className="sample-desc">{s.description}</span>
              <span className="sample-license">{s.license}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
