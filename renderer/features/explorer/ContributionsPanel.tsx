import { useMemo } from 'react';
import { EChart } from '../../charts/EChart';
import { contributionsOption } from './charts';
import { explainedOutput, formatValue, METHOD_NAME, spaceName, topContributions } from './explain';
import { useExplorer } from './store';
import { ExplainClassSelect } from './ExplainClassSelect';

/** Why the model predicted what it did: each column's push from the base value, largest first. */
export function ContributionsPanel() {
  const schema = useExplorer((s) => s.schema);
  const explanation = useExplorer((s) => s.result?.explanations?.[0] ?? null);
  const setExplainClass = useExplorer((s) => s.setExplainClass);
  const bars = useMemo(() => (explanation ? topContributions(explanation.contributions) : []), [explanation]);
  const option = useMemo(() => contributionsOption(bars), [bars]);
  if (!schema) return null;

  return (
    <section className="explorer-block" aria-labelledby="contrib-title" data-testid="contributions">
      <div className="explorer-block-head">
        <h3 id="contrib-title" className="run-section-title">
          Contributions
        </h3>
        {schema.task === 'multiclass' && schema.classes && (
          <ExplainClassSelect classes={schema.classes} />
        )}
      </div>
      {!explanation ? (
        <p className="muted small-note">Contributions appear with the prediction.</p>
      ) : (
        <>
          <p className="small-note" data-testid="contrib-summary">
            <span className="kind-chip">{METHOD_NAME[explanation.method]}</span>{' '}
            <span className="muted">
              {explanation.space === 'value' ? (
                <>
                  Explaining the predicted <strong>{explanation.output}</strong>.
                </>
              ) : (
                <>
                  Explaining <strong>{explanation.output}</strong> {spaceName(explanation.space, schema.target)}.
                </>
              )}{' '}
              From the base value{' '}
              <strong className="mono">{formatValue(explanation.base)}</strong>, the average over the training rows, each column pushes the output up (red)
              or down (blue) to <strong className="mono">{formatValue(explainedOutput(explanation))}</strong> for this row.
            </span>
          </p>
          <EChart option={option} height={Math.max(120, 24 + bars.length * 26)} testId="contrib-chart" notMerge />
        </>
      )}
    </section>
  );
}
