import { EChart } from '../../charts/EChart';
import type { DriftFeatureDto, DriftReportDto } from '../../../shared/api/monitor-dto';
import { distributionOption, effectText, pText, qualityFindings } from './drift-charts';
import { FeatureTable } from './FeatureTable';
import { useMonitor } from './store';

const pct = (v: number) => `${(v * 100).toFixed(0)} %`;
const rows = (s: DriftReportDto['reference']) => `${s.rows.toLocaleString()} rows${s.sampled ? ` (${s.compared.toLocaleString()} sampled)` : ''}`;

function Summary({ r }: { r: DriftReportDto }) {
  const drifted = r.features.filter((f) => f.drifted).length;
  const quality = r.features.filter((f) => f.quality.flags.length > 0).length;
  return (
    <div className="monitor-summary" data-testid="drift-summary">
      <div className={`monitor-verdict ${r.drifted ? 'is-drift' : 'is-ok'}`} data-testid="drift-verdict">
        <span className="monitor-big">{r.drifted ? 'Drift' : 'No drift'}</span>
        <span>
          {drifted} of {r.features.length} features drifted ({pct(r.driftedShare)})
        </span>
      </div>
      <dl className="monitor-facts">
        <dt>Reference</dt>
        <dd>
          {r.reference.label} · {rows(r.reference)}
        </dd>
        <dt>Current</dt>
        <dd>
          {r.current.label} · {rows(r.current)}
        </dd>
        <dt>Data quality</dt>
        <dd>{quality === 0 ? 'no findings' : `${quality} feature${quality > 1 ? 's' : ''} with findings`}</dd>
        {r.prediction && (
          <>
            <dt>Predictions</dt>
            <dd data-testid="drift-prediction">
              {r.prediction.severity} · {effectText(r.prediction)}
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}

function FeatureDetail({ f, r, asDates }: { f: DriftFeatureDto; r: DriftReportDto; asDates: boolean }) {
  const option = distributionOption(f, { reference: 'Reference', current: 'Current' }, asDates);
  const findings = qualityFindings(f);
  return (
    <div className="monitor-detail" data-testid="drift-detail">
      <h3>
        {f.name} <span className={`badge severity-${f.severity}`}>{f.severity}</span>
      </h3>
      {option ? <EChart option={option} height={260} testId="drift-histogram" notMerge /> : <p className="muted">No values to draw.</p>}
      <dl className="monitor-facts">
        <dt>Test</dt>
        <dd>
          {f.test === 'ks' ? 'Kolmogorov–Smirnov' : 'χ² homogeneity'} ({f.method}) · statistic {Number.isFinite(f.statistic) ? f.statistic.toFixed(4) : '–'}
        </dd>
        <dt>p-value</dt>
        <dd>
          {pText(f.pValue)} raw · {pText(f.adjustedPValue)} BH-adjusted (α {r.settings.alpha})
        </dd>
        <dt>Effect</dt>
        <dd>
          {effectText(f)} <span className="muted">(material from {f.kind === 'numeric' ? `PSI ${r.settings.psiThreshold} or W/sd ${r.settings.wassersteinThreshold}` : `JS ${r.settings.jsThreshold} or new ${r.settings.newCategoryShare}`})</span>
        </dd>
        <dt>Values</dt>
        <dd>
          {f.n.reference.toLocaleString()} reference · {f.n.current.toLocaleString()} current
        </dd>
        <dt>Quality</dt>
        <dd>{findings.length ? findings.join('; ') : 'no findings'}</dd>
      </dl>
    </div>
  );
}

/** The verdict, the features worst first with the selected one's distributions, the quality findings and notes. */
export function DriftReport({ r }: { r: DriftReportDto }) {
  const selected = useMonitor((s) => s.selected);
  const dateColumns = useMonitor((s) => s.dateColumns);
  const select = useMonitor((s) => s.select);
  const f = r.features.find((x) => x.name === selected) ?? r.features[0];
  const flagged = r.features.filter((x) => x.quality.flags.length > 0);
  return (
    <div className="monitor-report" data-testid="drift-report">
      <Summary r={r} />
      <div className="monitor-split">
        <FeatureTable features={r.features} selected={f?.name ?? null} onSelect={select} />
        {f && <FeatureDetail f={f} r={r} asDates={dateColumns.includes(f.name)} />}
      </div>
      <section className="monitor-block" aria-labelledby="quality-head" data-testid="drift-quality">
        <h3 id="quality-head">Data quality</h3>
        {flagged.length === 0 ? (
          <p className="muted">No missing-value jumps, values out of the reference&apos;s range or new categories.</p>
        ) : (
          <ul>
            {flagged.map((x) => (
              <li key={x.name}>
                <button type="button" className="link monitor-link" onClick={() => select(x.name)}>
                  {x.name}
                </button>
                : {qualityFindings(x).join('; ')}
              </li>
            ))}
          </ul>
        )}
        {r.notes.length > 0 && (
          <ul className="muted monitor-notes" data-testid="drift-notes">
            {r.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
