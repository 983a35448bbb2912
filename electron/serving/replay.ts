/**
 * The replay driver: pushes a dataset's rows through the serving core with a policy (no HTTP), on a simulated clock,
 * and sends each row's true outcome as feedback, so a canary's logs and decisions come out as they would from live
 * traffic. `candidateNoise` injects errors into the candidate's answers to rehearse a bad release.
 */
import { mulberry32 } from '../../models/split/prng';
import { replayOptionsSchema, type DecisionLine, type ReplayOptions, type ReplaySummary, type ServingPolicy } from '../../shared/serving/index';
import { ServingCore } from './core';
import type { ServingLogs } from './logs';
import type { RowAnswer, ServedModel } from './model';

export interface ReplayInput {
  model: string;
  stable: ServedModel;
  candidate?: ServedModel | null;
  policy: ServingPolicy;
  /** Rows with the target column; the target is sent as feedback, never to the model. */
  rows: Record<string, unknown>[];
  options: Partial<ReplayOptions> & Pick<ReplayOptions, 'target'>;
  logs?: ServingLogs | null;
  instance?: string;
  /** Simulated start time (ms since the epoch). */
  start?: number;
}

/**
 * The candidate with errors injected: on a seeded share of rows its answer is replaced by a wrong one — another class
 * than the true one (classification), or the prediction moved by the target's spread (regression).
 */
export function withNoise(model: ServedModel, share: number, seed: number, actualOf: WeakMap<object, unknown>, spread: number): ServedModel {
  if (share <= 0) return model;
  const rand = mulberry32(seed ^ 0x5eed);
  const classes = (model.manifest.classes ?? []).map(String);
  return {
    ...model,
    async score(rows) {
      const answers = await model.score(rows);
      return answers.map((a, i): RowAnswer => {
        if (rand() >= share) return a;
        const actual = actualOf.get(rows[i]);
        if (model.manifest.task === 'regression') return { prediction: Number(a.prediction) + (rand() < 0.5 ? -spread : spread) };
        const wrong = classes.filter((c) => c !== String(actual));
        if (wrong.length === 0 || String(a.prediction) !== String(actual)) return a;
        const label = wrong[Math.floor(rand() * wrong.length)];
        return { prediction: label, probabilities: Object.fromEntries(classes.map((c) => [c, c === label ? 1 : 0])) };
      });
    },
  };
}

export async function replay(input: ReplayInput): Promise<ReplaySummary & { decisions: DecisionLine[] }> {
  const o = replayOptionsSchema.parse(input.options);
  const rand = mulberry32(o.seed);
  const rows = o.limit ? input.rows.slice(0, o.limit) : input.rows;
  const actualOf = new WeakMap<object, unknown>();
  const features = rows.map((r) => {
    const { [o.target]: actual, ...rest } = r;
    actualOf.set(rest, actual);
    return rest;
  });
  const targets = rows.map((r) => Number(r[o.target])).filter(Number.isFinite);
  const mean = targets.reduce((a, b) => a + b, 0) / Math.max(1, targets.length);
  const spread = Math.sqrt(targets.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, targets.length)) || 1;
  let clock = input.start ?? Date.UTC(2026, 0, 1);
  const decisions: DecisionLine[] = [];
  const core = new ServingCore({
    model: input.model, stable: input.stable, policy: input.policy, logs: input.logs ?? null, instance: input.instance ?? 'replay',
    candidate: input.candidate ? withNoise(input.candidate, o.candidateNoise, o.seed, actualOf, spread) : null,
    now: () => clock, random: rand, onDecision: (d) => decisions.push(d),
  });
  const served: Record<string, number> = {};
  for (let i = 0; i < features.length; i += o.batch) {
    const batch = features.slice(i, i + o.batch);
    const predictions = await core.predict(batch);
    for (const p of predictions) served[p.version] = (served[p.version] ?? 0) + 1;
    core.feedback(predictions.map((p, j) => ({ id: p.id, actual: actualValue(actualOf.get(batch[j])) })));
    clock += o.intervalS * 1000;
  }
  input.logs?.sync();
  return {
    rows: features.length, served, decisions,
    actions: decisions.map((d) => ({ decision: d.decisions, step: d.step, action: d.action })),
    final: core.canary?.state ?? null,
    logsDir: input.logs?.predictions.dir ?? '',
  };
}

const actualValue = (v: unknown): number | string | boolean => (typeof v === 'number' || typeof v === 'boolean' ? v : String(v ?? ''));
