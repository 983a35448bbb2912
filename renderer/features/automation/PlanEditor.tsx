import { useEffect, useState, type FormEvent } from 'react';
import type { DatasetSummaryDto } from '../../../shared/api/dto';
import type { PlanDto } from '../../../shared/automation/dto';
import { PLAN_DEFAULTS, PLAN_MODES, type PlanMode, type PlanTriggers } from '../../../shared/automation/plan';
import { api } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { FormField } from '../experiments/FormField';
import { describeSchedule, whenText } from './schedule-text';
import { useAutomation } from './store';

interface Props {
  /** The plan to edit; a new plan when absent. */
  plan?: PlanDto;
  onClose(): void;
}

interface Draft {
  name: string;
  model: string;
  alias: string;
  sourceKind: 'file' | 'dataset';
  path: string;
  dataset: string;
  schedule: string;
  minNewRows: string;
  driftPercent: string;
  metricFloor: string;
  /** Live outcomes the metric trigger reads instead of the newest rows: both datasets or neither. */
  outcomes: string;
  predictions: string;
  outcomesKey: string;
  margin: string;
  mode: PlanMode;
  incremental: boolean;
}

const PRESETS = [
  { label: 'Weekly, Monday 03:00', cron: '0 3 * * 1' },
  { label: 'Daily, 03:00', cron: '0 3 * * *' },
  { label: 'Hourly', cron: '0 * * * *' },
];

function draftOf(plan: PlanDto | undefined, model: string): Draft {
  const t = plan?.triggers;
  return {
    name: plan?.name ?? '',
    model: plan?.model ?? model,
    alias: plan?.alias ?? PLAN_DEFAULTS.alias,
    sourceKind: plan?.source.kind ?? 'file',
    path: plan?.source.kind === 'file' ? plan.source.path : '',
    dataset: plan?.source.kind === 'dataset' ? plan.source.dataset : '',
    schedule: t ? (t.schedule ?? '') : PRESETS[0].cron,
    minNewRows: t?.minNewRows != null ? String(t.minNewRows) : '',
    driftPercent: t?.driftThreshold != null ? String(Math.round(t.driftThreshold * 100)) : '',
    metricFloor: t?.metricFloor != null ? String(t.metricFloor) : '',
    outcomes: t?.outcomes?.outcomes ?? '',
    predictions: t?.outcomes?.predictions ?? '',
    outcomesKey: t?.outcomes?.key ?? '',
    margin: String(plan?.margin ?? PLAN_DEFAULTS.margin),
    mode: plan?.mode ?? PLAN_DEFAULTS.mode,
    incremental: plan?.incremental ?? false,
  };
}

const optionalNumber = (s: string) => (s.trim() === '' ? null : Number(s));

/** The plan's live outcomes from the draft; columns it does not edit stay as the plan had them. */
function outcomesOf(d: Draft, old: PlanTriggers['outcomes'] | undefined): PlanTriggers['outcomes'] {
  if (!d.outcomes && !d.predictions) return null;
  return { ...(old ?? { window: 'week' as const }), outcomes: d.outcomes, predictions: d.predictions, key: d.outcomesKey.trim() || undefined };
}

/** The plan editor: champion, source, triggers (a cron field that says when it runs next), margin and mode. */
export function PlanEditor({ plan, onClose }: Props) {
  const models = useAutomation((s) => s.models);
  const [d, setD] = useState<Draft>(() => draftOf(plan, models[0] ?? ''));
  const [datasets, setDatasets] = useState<DatasetSummaryDto[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const patch = (p: Partial<Draft>) => setD((x) => ({ ...x, ...p }));
  const schedule = describeSchedule(d.schedule);
  useEffect(() => {
    void api.invoke('datasets.list', {}).then(setDatasets, () => undefined);
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const drift = optionalNumber(d.driftPercent);
    const triggers: PlanTriggers = {
      schedule: d.schedule.trim() || null,
      minNewRows: optionalNumber(d.minNewRows),
      driftThreshold: drift === null ? null : drift / 100,
      metricFloor: optionalNumber(d.metricFloor),
      metricFraction: plan?.triggers.metricFraction ?? null,
      outcomes: outcomesOf(d, plan?.triggers.outcomes),
    };
    const source = d.sourceKind === 'file' ? { kind: 'file' as const, path: d.path.trim() } : { kind: 'dataset' as const, dataset: d.dataset };
    const common = { name: d.name.trim(), alias: d.alias.trim(), source, triggers, margin: Number(d.margin) || 0, mode: d.mode, incremental: d.incremental };
    setBusy(true);
    const s = useAutomation.getState();
    const why = plan ? await s.update(plan.id, common) : await s.create({ ...common, model: d.model });
    setBusy(false);
    if (why) setError(why);
    else onClose();
  };

  return (
    <Dialog title={plan ? `Edit plan ${plan.name}` : 'New retraining plan'} onClose={onClose} testId="plan-editor">
      <form className="plan-form" onSubmit={(e) => void submit(e)}>
        <FormField label="Name" name="name">
          <input value={d.name} onChange={(e) => patch({ name: e.target.value })} data-testid="plan-name" data-autofocus required />
        </FormField>
        <FormField label="Model" name="model" hint={plan ? 'fixed' : undefined}>
          <select value={d.model} onChange={(e) => patch({ model: e.target.value })} disabled={Boolean(plan)} data-testid="plan-model">
            {models.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label="Alias it keeps fresh" name="alias">
          <input value={d.alias} onChange={(e) => patch({ alias: e.target.value })} data-testid="plan-alias" />
        </FormField>
        <fieldset className="plan-fieldset">
          <legend>New data from</legend>
          <label className="plan-radio">
            <input type="radio" name="source" checked={d.sourceKind === 'file'} onChange={() => patch({ sourceKind: 'file' })} data-testid="plan-source-file" /> A file, or a
            folder&apos;s newest file
          </label>
          <label className="plan-radio">
            <input type="radio" name="source" checked={d.sourceKind === 'dataset'} onChange={() => patch({ sourceKind: 'dataset' })} data-testid="plan-source-dataset" /> A
            dataset&apos;s newest version
          </label>
          {d.sourceKind === 'file' ? (
            <FormField label="Path on this machine" name="source.path">
              <input value={d.path} onChange={(e) => patch({ path: e.target.value })} placeholder="/data/exports/sales.csv" data-testid="plan-path" />
            </FormField>
          ) : (
            <FormField label="Dataset" name="source.dataset">
              <select value={d.dataset} onChange={(e) => patch({ dataset: e.target.value })} data-testid="plan-dataset">
                <option value="">Choose…</option>
                {datasets.map((x) => (
                  <option key={x.id} value={x.name}>
                    {x.name}
                  </option>
                ))}
              </select>
            </FormField>
          )}
        </fieldset>
        <fieldset className="plan-fieldset">
          <legend>Run when</legend>
          <FormField label="Schedule (cron)" name="triggers.schedule" hint="optional" error={schedule.problem ?? undefined}>
            <input className="mono" value={d.schedule} onChange={(e) => patch({ schedule: e.target.value })} placeholder="0 3 * * 1" data-testid="plan-schedule" />
          </FormField>
          <div className="plan-presets">
            {PRESETS.map((p) => (
              <button type="button" key={p.cron} className="small" onClick={() => patch({ schedule: p.cron })}>
                {p.label}
              </button>
            ))}
          </div>
          {!schedule.problem && (
            <p className="plan-schedule-words" data-testid="plan-schedule-words" aria-live="polite">
              {schedule.words}
              {schedule.next && <span className="muted"> · next {whenText(schedule.next)}</span>}
            </p>
          )}
          <div className="plan-row">
            <FormField label="New rows at least" name="triggers.minNewRows" hint="optional">
              <input type="number" min={1} value={d.minNewRows} onChange={(e) => patch({ minNewRows: e.target.value })} data-testid="plan-min-rows" />
            </FormField>
            <FormField label="Drifted inputs over (%)" name="triggers.driftThreshold" hint="optional">
              <input type="number" min={1} max={100} value={d.driftPercent} onChange={(e) => patch({ driftPercent: e.target.value })} data-testid="plan-drift" />
            </FormField>
            <FormField label="Live metric floor" name="triggers.metricFloor" hint="optional">
              <input type="number" step="any" title="Runs when accuracy falls below it, or RMSE rises above it, on the newest rows (a forecast: MAE on its newest windows; a recommender: ndcg on interactions it did not train on)" value={d.metricFloor} onChange={(e) => patch({ metricFloor: e.target.value })} data-testid="plan-floor" />
            </FormField>
          </div>
          <div className="plan-row">
            <FormField label="Metric on live outcomes" name="triggers.outcomes.outcomes" hint="optional">
              <select value={d.outcomes} onChange={(e) => patch({ outcomes: e.target.value })} title="The floor is judged on the latest week of these outcomes joined to the predictions" data-testid="plan-outcomes">
                <option value="">The newest rows</option>
                {datasets.map((x) => (
                  <option key={x.id} value={x.name}>
                    {x.name}
                  </option>
                ))}
              </select>
            </FormField>
            {(d.outcomes || d.predictions) && (
              <>
                <FormField label="Joined to predictions" name="triggers.outcomes.predictions">
                  <select value={d.predictions} onChange={(e) => patch({ predictions: e.target.value })} data-testid="plan-predictions">
                    <option value="">Choose…</option>
                    {datasets.map((x) => (
                      <option key={x.id} value={x.name}>
                        {x.name}
                      </option>
                    ))}
                  </select>
                </FormField>
                <FormField label="Key column" name="triggers.outcomes.key" hint="optional">
                  <input value={d.outcomesKey} onChange={(e) => patch({ outcomesKey: e.target.value })} placeholder="id" data-testid="plan-outcomes-key" />
                </FormField>
              </>
            )}
          </div>
        </fieldset>
        <fieldset className="plan-fieldset">
          <legend>Promote the challenger when</legend>
          <div className="plan-row">
            <FormField label="Rule" name="mode">
              <select value={d.mode} onChange={(e) => patch({ mode: e.target.value as PlanMode })} data-testid="plan-mode">
                {PLAN_MODES.map((m) => (
                  <option key={m} value={m}>
                    {m === 'better' ? 'better by more than the margin' : 'not worse by more than the margin'}
                  </option>
                ))}
              </select>
            </FormField>
            <FormField label="Margin" name="margin" hint="in the metric's units">
              <input type="number" min={0} step="any" value={d.margin} onChange={(e) => patch({ margin: e.target.value })} data-testid="plan-margin" />
            </FormField>
          </div>
          <label className="plan-radio">
            <input type="checkbox" checked={d.incremental} onChange={(e) => patch({ incremental: e.target.checked })} data-testid="plan-incremental" /> Continue from the champion
            (incremental) instead of training from scratch
          </label>
        </fieldset>
        <ErrorBanner error={error} />
        <div className="dialog-actions">
          <span className="hint muted">Enter saves</span>
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" disabled={busy || !d.name.trim() || !d.model} data-testid="plan-save">
            {plan ? 'Save' : 'Create plan'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
