import { useEffect, useId, useMemo } from 'react';
import { EChart } from '../../charts/EChart';
import { ErrorBanner } from '../../components/ErrorBanner';
import { pdpOption } from './charts';
import { toRow } from './form-values';
import { useExplorer } from './store';

/** How the mean prediction moves as one column varies, with this row's value marked. */
export function PdpPanel() {
  const schema = useExplorer((s) => s.schema);
  const draft = useExplorer((s) => s.draft);
  const chosen = useExplorer((s) => s.pdpColumn);
  const top = useExplorer((s) => s.result?.explanations?.[0]?.contributions[0]?.column ?? null);
  const pdps = useExplorer((s) => s.pdps);
  const loading = useExplorer((s) => s.pdpLoading);
  const error = useExplorer((s) => s.pdpError);
  const setColumn = useExplorer((s) => s.setPdpColumn);
  const ensure = useExplorer((s) => s.ensurePdp);
  const id = useId();

  const column = chosen ?? top ?? schema?.inputs[0]?.column ?? null;
  useEffect(() => {
    if (column) ensure(column);
  }, [column, ensure]);

  const pdp = column ? pdps[column] : undefined;
  const input = schema?.inputs.find((i) => i.column === column);
  const current = input ? (toRow([input], draft).row[input.column] ?? null) : null;
  const option = useMemo(() => (pdp ? pdpOption(pdp, typeof current === 'boolean' ? String(current) : current) : null), [pdp, current]);
  if (!schema || !column) return null;

  return (
    <section className="explorer-block" aria-labelledby={`${id}-title`} data-testid="pdp">
      <div className="explorer-block-head">
        <h3 id={`${id}-title`} className="run-section-title">
          Partial dependence
        </h3>
        <label className="inline-field">
          <span className="muted">Column</span>
          <select value={column} onChange={(e) => setColumn(e.target.value)} data-testid="pdp-column">
            {schema.inputs.map((i) => (
              <option key={i.column} value={i.column}>
                {i.column}
                {i.column === top ? ' (top contributor)' : ''}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorBanner error={error} />
      {pdp && option ? (
        <>
          <p className="muted small-note">
            The mean {schema.task === 'regression' ? `predicted ${schema.target}` : 'predicted probability of each class'} over{' '}
            {pdp.backgroundRows.toLocaleString()} training rows as <strong>{column}</strong> varies;{' '}
            {pdp.kind === 'numeric' || pdp.kind === 'date' ? 'the dashed line marks this row’s value.' : 'this row’s category is drawn solid.'}
          </p>
          <EChart option={option} height={260} testId="pdp-chart" notMerge />
        </>
      ) : (
        !error && <p className="muted small-note">{loading === column ? `Computing the curve of ${column}…` : ''}</p>
      )}
    </section>
  );
}
