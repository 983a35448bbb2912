import type { Command } from 'commander';
import { createCore } from '../../host/core';
import { ApiError } from '../../../shared/api/errors';
import type { PlanDto, PlanRunDto } from '../../../shared/automation/dto';
import type { PlanSpecInput } from '../../../shared/automation/plan';
import { makeOutput } from '../output';
import { withCore } from '../run-job';
import type { GlobalOptions } from '../main';

interface CreateOptions {
  name: string;
  model: string;
  alias?: string;
  source?: string;
  sourceDataset?: string;
  schedule?: string;
  minNewRows?: string;
  driftThreshold?: string;
  metricFloor?: string;
  metricFraction?: string;
  outcomes?: string;
  predictions?: string;
  key?: string;
  predicted?: string;
  actual?: string;
  window?: string;
  time?: string;
  margin?: string;
  notWorse?: boolean;
  incremental?: boolean;
}

/** A number option as given; the plan schema checks its range and names the field. */
function num(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new ApiError('bad_request', `${flag} must be a number, got '${v}'`, { field: flag.replace(/^--/, '') });
  return n;
}

/** Live outcomes for the metric trigger: both datasets or neither; columns default as in lathe outcomes. */
function outcomesOf(o: CreateOptions) {
  if (o.outcomes === undefined && o.predictions === undefined) {
    const stray = ([['key', '--key'], ['predicted', '--predicted'], ['actual', '--actual'], ['window', '--window'], ['time', '--time']] as const).find(([k]) => o[k] !== undefined);
    if (stray) throw new ApiError('bad_request', `${stray[1]} is about live outcomes: give --outcomes DATASET and --predictions DATASET too`, { field: stray[0] });
    return null;
  }
  if (o.outcomes === undefined || o.predictions === undefined) {
    throw new ApiError('bad_request', 'Live outcomes need both --outcomes DATASET and --predictions DATASET', { field: o.outcomes === undefined ? 'outcomes' : 'predictions' });
  }
  return { outcomes: o.outcomes, predictions: o.predictions, key: o.key, predicted: o.predicted, actual: o.actual, time: o.time, window: windowOf(o.window) };
}

/** --window as lathe outcomes takes it: day, week or a whole number of rows (the plan schema checks the range). */
function windowOf(v: string | undefined): 'day' | 'week' | number | undefined {
  if (v === undefined || v === 'day' || v === 'week') return v;
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isInteger(n) || n < 1) {
    throw new ApiError('bad_request', `--window must be day, week or a whole number of rows (at least 1), got '${v}'`, { field: 'window' });
  }
  return n;
}

function specOf(o: CreateOptions): PlanSpecInput {
  if ((o.source === undefined) === (o.sourceDataset === undefined)) {
    throw new ApiError('bad_request', 'Give the new data as --source FILE|FOLDER or --source-dataset NAME (one of them)', { field: 'source' });
  }
  return {
    name: o.name, model: o.model, alias: o.alias,
    source: o.source !== undefined ? { kind: 'file', path: o.source } : { kind: 'dataset', dataset: o.sourceDataset! },
    triggers: {
      schedule: o.schedule ?? null, minNewRows: num(o.minNewRows, '--min-new-rows') ?? null, driftThreshold: num(o.driftThreshold, '--drift-threshold') ?? null,
      metricFloor: num(o.metricFloor, '--metric-floor') ?? null, metricFraction: num(o.metricFraction, '--metric-fraction') ?? null,
      outcomes: outcomesOf(o),
    },
    margin: num(o.margin, '--margin'), mode: o.notWorse ? 'notWorse' : undefined, incremental: o.incremental ?? false,
  };
}

function triggersText(p: PlanDto): string {
  const t = p.triggers;
  const parts = [
    t.schedule && `schedule '${t.schedule}'`, t.minNewRows !== null && `≥ ${t.minNewRows} new rows`, t.driftThreshold !== null && `drift > ${t.driftThreshold}`,
    t.metricFloor !== null && `metric worse than ${t.metricFloor}`, t.metricFraction !== null && `metric < ${t.metricFraction} of baseline`,
  ].filter(Boolean);
  if (t.outcomes && (t.metricFloor !== null || t.metricFraction !== null)) parts.push(`(metric on the latest ${typeof t.outcomes.window === 'number' ? `${t.outcomes.window.toLocaleString('en-US')} rows` : t.outcomes.window} of live outcomes ${t.outcomes.outcomes} joined to ${t.outcomes.predictions}${t.outcomes.time ? `, by ${t.outcomes.time}` : ''})`);
  return parts.length ? parts.join(', ') : 'by hand only';
}

function runLine(r: PlanRunDto): string {
  const what = r.decision ?? 'running';
  return `${r.startedAt}  ${r.id.slice(0, 8)}  ${r.trigger.padEnd(8)}  ${what.padEnd(11)}  ${r.reason}`;
}

function planText(p: PlanDto): string {
  const src = p.source.kind === 'file' ? p.source.path : `dataset ${p.source.dataset}`;
  return [
    `${p.name} (${p.id.slice(0, 8)})${p.paused ? '  [paused]' : ''}`,
    `  model    ${p.model}@${p.alias}, promote when ${p.mode === 'better' ? 'better' : 'not worse'} beyond margin ${p.margin}`,
    `  source   ${src}`,
    `  triggers ${triggersText(p)}${p.nextDueAt ? `; next ${p.nextDueAt}` : ''}`,
    `  last     ${p.lastRun ? runLine(p.lastRun) : 'never run'}`,
  ].join('\n');
}

/** What `lathe automation run` prints: the decision first. */
function runResult(r: PlanRunDto) {
  return { decision: r.decision, reason: r.reason, championRunId: r.championRunId, challengerRunId: r.challengerRunId, planRun: r };
}

export function registerAutomation(program: Command): void {
  const auto = program.command('automation').description('retraining plans: keep a registered model fresh from new data, promoting a challenger only when it wins');
  const g = () => program.opts<GlobalOptions>();

  auto
    .command('create')
    .description('create a plan for NAME@ALIAS')
    .requiredOption('--name <plan>', 'the plan\'s name')
    .requiredOption('--model <name>', 'registered model')
    .option('--alias <alias>', 'alias the plan moves (default production)')
    .option('--source <path>', 'file, or folder (its newest data file), re-read at each trigger as the next version of the model\'s dataset')
    .option('--source-dataset <name>', 'or: a dataset whose newest version is the new data')
    .option('--schedule <cron>', 'cron text, e.g. "0 3 * * *" (missed firings run once at the next start)')
    .option('--min-new-rows <n>', 'run when the source has this many rows more than the champion trained on')
    .option('--drift-threshold <share>', 'run when more than this share (0-1] of the input columns drifted')
    .option('--metric-floor <x>', 'run when the champion\'s metric on the newest rows is worse than x')
    .option('--metric-fraction <f>', 'run when that metric is worse than f (0-1) of its recorded value')
    .option('--outcomes <dataset>', 'the metric trigger judges the latest window of these live outcomes (with --predictions) instead of the newest rows')
    .option('--predictions <dataset>', 'the champion\'s predictions the outcomes are joined to')
    .option('--key <column>', 'the column both share (default: prediction_id, id, row_id or key)')
    .option('--predicted <column>', 'the predicted column (default predicted_TARGET)')
    .option('--actual <column>', 'the actual column of the outcomes (default: the model\'s target)')
    .option('--window <day|week|N>', 'the live outcomes\' window: calendar day, week (from Monday, UTC) or every N rows (default week)')
    .option('--time <column>', 'the date column day and week windows read (default: the outcomes\' first date column, else the predictions\')')
    .option('--margin <x>', 'the challenger must be better by more than this, in the metric\'s units (default 0)')
    .option('--not-worse', 'promote when not worse by more than the margin (default: only when better)')
    .option('--incremental', 'warm-start the challenger from the champion')
    .action(async (o: CreateOptions) => {
      await withCore(g(), async (core, out) => {
        const plan = await core.call('automation.create', specOf(o));
        out.result(plan, () => `Created plan\n${planText(plan)}`);
      });
    });

  auto
    .command('list')
    .description('every plan with its last decision')
    .action(async () => {
      await withCore(g(), async (core, out) => {
        const plans = await core.call('automation.list', {});
        out.result(plans, () => (plans.length ? plans.map(planText).join('\n\n') : 'No plans yet (lathe automation create …).'));
      });
    });

  auto
    .command('show <plan>')
    .description('a plan and its runs, newest first')
    .action(async (plan: string) => {
      await withCore(g(), async (core, out) => {
        const p = await core.call('automation.get', { plan });
        out.result(p, () => [planText(p), '', ...(p.runs.length ? p.runs.map(runLine) : ['No runs yet.'])].join('\n'));
      });
    });

  for (const [verb, method] of [['pause', 'automation.pause'], ['resume', 'automation.resume']] as const) {
    auto
      .command(`${verb} <plan>`)
      .description(verb === 'pause' ? 'stop triggers (runs by hand still work)' : 'start triggers again; the schedule counts from now')
      .action(async (plan: string) => {
        await withCore(g(), async (core, out) => {
          const p = await core.call(method, { plan });
          out.result(p, () => planText(p));
        });
      });
  }

  auto
    .command('delete <plan>')
    .description('delete a plan and its runs (the models and runs it made stay)')
    .action(async (plan: string) => {
      await withCore(g(), async (core, out) => {
        const r = await core.call('automation.delete', { plan });
        out.result(r, () => `Deleted plan ${r.deleted.slice(0, 8)}`);
      });
    });

  auto
    .command('run <plan>')
    .description('run a plan now and wait for its decision')
    .action(async (plan: string) => {
      await withCore(g(), async (core, out) => {
        const r = await core.call('automation.runNow', { plan, wait: true });
        out.result(runResult(r), () => `${r.decision}: ${r.reason}`);
        if (r.decision === 'failed') process.exitCode = 1;
      });
    });

  auto
    .command('status')
    .description('the next scheduled plan and how many plans\' conditions are watched (this command runs no scheduler: the app, lathe serve and the daemon do)')
    .action(async () => {
      await withCore(g(), async (core, out) => {
        const st = await core.call('automation.scheduler', {});
        const next = st.next ? `next: ${st.next.planName} at ${st.next.at}` : 'no scheduled plan';
        out.result(st, () => `${next}; ${st.watching} plan(s) with conditions checked every ${Math.round(st.tickMs / 1000)} s while a scheduler runs`);
      });
    });

  auto
    .command('run-due')
    .description('run every plan that is due (schedules missed while nothing ran: once), then exit')
    .action(async () => {
      await withCore(g(), async (core, out) => {
        const runs = await core.call('automation.runDue', {});
        out.result(runs.map(runResult), () => (runs.length ? runs.map(runLine).join('\n') : 'Nothing is due.'));
      });
    });

  auto
    .command('daemon')
    .description('stay up and run plans as they fall due; SIGTERM or Ctrl+C stops it cleanly')
    .option('--tick <seconds>', 'how often to look for due plans', '60')
    .action(async (o: { tick: string }) => {
      const out = makeOutput(Boolean(g().json));
      const tick = Number(o.tick);
      if (!Number.isFinite(tick) || tick < 1) throw new ApiError('bad_request', `--tick must be a number of seconds ≥ 1, got '${o.tick}'`, { field: 'tick' });
      const core = createCore({ home: g().home, host: 'cli', scheduler: { tickMs: tick * 1000 } });
      core.subscribe((event, payload) => {
        if (event === 'automation.decision' && 'run' in payload) out.result({ event, run: payload.run }, () => runLine(payload.run));
      });
      out.result({ daemon: 'started', pid: process.pid, home: core.home }, () => `Automation daemon running (pid ${process.pid}, data folder ${core.home}); Ctrl+C or SIGTERM stops it`);
      // Keeps the process up: the scheduler's own timer does not.
      const keepAlive = setInterval(() => {}, 1 << 30);
      const stop = async () => {
        clearInterval(keepAlive);
        await core.close();
        out.result({ daemon: 'stopped' }, () => 'Automation daemon stopped');
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });
}
