import { useExplorer } from './store';
import { METHOD_NAME, TEXT_METHOD_NAME } from './explain';
import { shortId } from '../experiments/format';

/** What the explored model is: family, task, target, where it was trained and how it is explained. */
export function ModelHeader() {
  const schema = useExplorer((s) => s.schema);
  if (!schema) return null;
  return (
    <p className="explorer-facts" data-testid="explorer-facts">
      <strong>{schema.modelName ? `${schema.modelName} v${schema.version}` : `Run ${shortId(schema.runId)}`}</strong>
      <span className="muted">
        {' '}
        · {schema.family} {schema.task} → <span className="mono">{schema.target}</span>
        {schema.datasetName ? ` · trained on ${schema.datasetName}` : ''} · explained by {schema.text ? `${TEXT_METHOD_NAME[schema.text.method]}, word by word` : METHOD_NAME[schema.explainMethod]}
      </span>
    </p>
  );
}
