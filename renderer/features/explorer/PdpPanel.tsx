import { useEffect, useId, useMemo } from 'react';
import { EChart } from '../../charts/EChart';
import { ErrorBanner } from '../../components/ErrorBanner';
import { pdpOption } from './charts';
import { formatValue } from './explain';
import { toDateText, toRow } from './form-values';
import { positiveOf } from './threshold-slice';
import { useExplorer } from './store';
import './explorer.css';

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
  const ice = useExplorer((s) => s.pdpIce);
  const centered = useExplorer((s) => s.pdpCentered);
  const setView = useExplorer((s) => s.setPdpView);
  const chosenPositive = useExplorer((s) => s.positiveClass);
  const explainClass = useExplorer((s) => s.explainClass);
  const predicted = useExplorer((s) => s.result?.predictions[0]?.label ?? null);
  const id = useId();
  // ICE draws one class: the positive one of a binary model, the explained one of a multiclass model.
  const focus =
    schema?.task === 'binary' ? positiveOf(schema.classes, chosenPositive) : schema?.task === 'multiclass' ? (explainClass ?? predicted ?? schema.classes?.[0] ?? null) : null;

  const column = chosen ?? top ?? schema?.inputs[0]?.column ?? null;
  useEffect(() => {
    if (column) ensure(column);
  }, [column, ensure]);

  const pdp = column ? pdps[column] : undefined;
  const input = schema?.inputs.find((i) => i.column === column);
  const current = input ? (toRow([input], draft).row[input.column] ?? null) : null;
  const option = useMemo(
    () => (pdp ? pdpOption(pdp, typeof current === 'boolean' ? String(current) : current, { ice, centered, focus }) : null),
    [pdp, current, ice, centered, focus],
  );
  const iceShown = ice && !!pdp?.ice;
  const lineKinds = pdp?.kind === 'numeric' || pdp?.kind === 'date';
  if (!schema || !column) return null;

  return (
    <section className="explorer-block" aria-labelledby={`${id}-title`} data-testid="pdp" data-ice-lines={iceShown ? pdp!.ice!.rows : 0}>
      <div className="explorer-block-head">
        <h3 id={`${id}-title`} className="run-section-title">
          Partial dependence
        </h3>
        <span className="pdp-options">
          <label title="One thin line per sampled row: how that row's prediction moves">
            <input type="checkbox" checked={ice} onChange={(e) => setView({ ice: e.target.checked })} data-testid="pdp-ice" />
            Individual rows (ICE)
          </label>
          <label title="Every curve starts at zero, so differences in shape stand out">
            <input type="checkbox" checked={centered} onChange={(e) => setView({ centered: e.target.checked })} data-testid="pdp-centered" />
            Centered
          </label>
        </span>
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
          <p className="muted small-note" data-testid="pdp-note">
            {centered ? 'The change in the' : 'The'} mean{' '}
            {schema.task === 'regression' ? `predicted ${schema.target}` : iceShown && focus ? `probability of ${focus}` : 'predicted probability of each class'} over{' '}
            {pdp.backgroundRows.toLocaleString()} training rows as <strong>{column}</strong> varies
            {centered ? ` from ${pdp.kind === 'date' ? toDateText(Number(pdp.grid[0])) : typeof pdp.grid[0] === 'number' ? formatValue(pdp.grid[0]) : String(pdp.grid[0] ?? '')}` : ''}
            {iceShown ? `${lineKinds ? ', bold' : ' (the bars)'}; the thin lines are ${pdp.ice!.rows} of those rows one by one` : ''};{' '}
            {lineKinds ? 'the dashed line marks this row’s value.' : 'this row’s category is drawn solid.'}
          </p>
          <EChart option={option} height={iceShown ? 300 : 260} testId="pdp-chart" notMerge />
        </>
      ) : (
        !error && <p className="muted small-note">{loading === column ? `Computing the curve of ${column}…` : ''}</p>
      )}
    </section>
  );
}
