/**
 * The server without HTTP: routes each row by the policy, scores it with the versions that need it, logs it, keeps
 * the canary's analysis and joins feedback. The HTTP layer and the replay driver both call this, so a replay makes
 * the same decisions and logs as live traffic.
 */
import { randomUUID } from 'node:crypto';
import {
  SERVER_DEFAULTS, type DecisionLine, type FeedbackItem, type FeedbackResponse, type HealthResponse, type PredictionDto,
  type PredictionLine, type ServingPolicy, type ServingRole,
} from '../../shared/serving/index';
import { CanaryEngine } from './canary';
import { checkRows, type RowAnswer, type ServedModel } from './model';
import type { ServingLogs } from './logs';
import { ServingMetrics } from './metrics';
import { stickyPoint, toCandidate } from './routing';
import { ServingError } from './errors';

export interface ServingCoreOptions {
  model: string;
  stable: ServedModel;
  candidate?: ServedModel | null;
  policy: ServingPolicy;
  logs?: ServingLogs | null;
  instance: string;
  /** Milliseconds since the epoch; the replay passes a simulated clock. */
  now?: () => number;
  /** Uniform draws in [0, 1) for routing; the replay passes a seeded one. */
  random?: () => number;
  /** Called with each canary decision (after it is logged). */
  onDecision?: (line: DecisionLine) => void;
  pendingFeedback?: number;
  /** The last canary decision an earlier process logged (see CanaryEngine.resume). */
  resumeFrom?: DecisionLine | null;
}

/** What the server remembers of a prediction until its outcome arrives: each version's answer. */
interface Pending {
  stable?: RowAnswer;
  candidate?: RowAnswer;
}

type Route = 'stable' | 'candidate';

export class ServingCore {
  readonly metrics = new ServingMetrics();
  readonly canary: CanaryEngine | null = null;
  private readonly pending = new Map<string, Pending>();
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly started: number;
  draining = false;

  constructor(readonly o: ServingCoreOptions) {
    this.now = o.now ?? Date.now;
    this.random = o.random ?? Math.random;
    this.started = this.now();
    if (o.policy.kind !== 'single' && !o.candidate) throw new Error(`a ${o.policy.kind} policy needs a candidate version`);
    if (o.policy.kind === 'canary') {
      this.canary = new CanaryEngine(o.policy, { stable: o.stable.version, candidate: o.candidate!.version }, this.now(), (line) => {
        o.logs?.decisions.write([line]);
        this.metrics.decisions.add({ action: line.action });
        this.setWeights();
        o.onDecision?.(line);
      });
      if (o.resumeFrom) this.canary.resume(o.resumeFrom, this.now());
    }
    this.setWeights();
  }

  /** Percent of traffic the candidate answers now. */
  candidateWeight(): number {
    const p = this.o.policy;
    if (p.kind === 'canary') return this.canary!.weight;
    if (p.kind === 'ab') return p.weight;
    return 0;
  }

  private setWeights(): void {
    const w = this.candidateWeight();
    this.metrics.weight.set({ version: this.o.stable.version }, 100 - w);
    if (this.o.candidate) this.metrics.weight.set({ version: this.o.candidate.version }, w);
    if (this.canary) this.metrics.step.set({}, this.canary.step);
  }

  /** Scores a request's rows; `headers` are lower-case (the sticky key may be one). */
  async predict(rows: Record<string, unknown>[], headers: Record<string, string | string[] | undefined> = {}): Promise<PredictionDto[]> {
    const { stable, candidate, policy } = this.o;
    checkRows(rows, stable.manifest.inputs);
    if (candidate) checkRows(rows, candidate.manifest.inputs);
    const time = new Date(this.now()).toISOString();
    const routes = rows.map((row) => this.route(row, headers));
    const paired = this.canary?.active ?? false;
    const shadowed = policy.kind === 'shadow' ? rows.map(() => this.random() < policy.sample) : rows.map(() => false);
    const stableIdx = rows.map((_, i) => i).filter((i) => paired || routes[i] === 'stable');
    const candIdx = candidate ? rows.map((_, i) => i).filter((i) => paired || routes[i] === 'candidate' || shadowed[i]) : [];
    const [s, c] = await Promise.all([this.scoreWith(stable, rows, stableIdx), candidate ? this.scoreWith(candidate, rows, candIdx) : null]);
    const ids = rows.map(() => randomUUID());
    const lines: PredictionLine[] = [];
    const out: PredictionDto[] = [];
    let failedServed: string | null = null;
    for (const [i, row] of rows.entries()) {
      const sa = s.answers.get(i), ca = c?.answers.get(i);
      // A candidate that fails on a row it was to answer in a canary falls back to the stable answer it was paired with.
      const route: Route = routes[i] === 'candidate' && !(paired && ca?.error && sa && !sa.error) ? 'candidate' : 'stable';
      const served = route === 'candidate' ? ca : sa;
      const servedModel = route === 'candidate' ? candidate! : stable;
      if (!served || served.error) failedServed ??= served?.error ?? 'not scored';
      out.push({ id: ids[i], version: servedModel.version, prediction: served?.answer?.prediction ?? null, ...(served?.answer?.probabilities ? { probabilities: served.answer.probabilities } : {}) });
      if (sa) lines.push(this.line(ids[i], time, stable.version, 'stable', route === 'stable', row, sa, s.ms));
      if (ca && candidate) lines.push(this.line(ids[i], time, candidate.version, policy.kind === 'shadow' ? 'shadow' : 'candidate', route === 'candidate', row, ca, c!.ms));
      this.remember(ids[i], { stable: sa?.answer ?? undefined, candidate: ca?.answer ?? undefined });
    }
    this.o.logs?.predictions.write(lines);
    const code = failedServed ? '500' : '200';
    this.count(stable, 'stable', stableIdx.length, s, code);
    if (candidate && c) this.count(candidate, policy.kind === 'shadow' ? 'shadow' : 'candidate', candIdx.length, c, code);
    if (this.canary && c && candIdx.length) this.canary.candidateScored(candIdx.length, c.failed, c.ms);
    this.canary?.served(rows.length, this.now());
    if (failedServed) throw new ServingError(500, 'internal', `scoring failed: ${failedServed}`);
    return out;
  }

  private route(row: Record<string, unknown>, headers: Record<string, string | string[] | undefined>): Route {
    const p = this.o.policy;
    if (p.kind === 'single' || p.kind === 'shadow') return 'stable';
    if (p.kind === 'ab') {
      const raw = 'field' in p.stickyBy ? row[p.stickyBy.field] : headers[p.stickyBy.header];
      const k = Array.isArray(raw) ? raw[0] : raw;
      const point = k === undefined || k === null || k === '' ? this.random() : stickyPoint(String(k));
      return toCandidate(point, p.weight) ? 'candidate' : 'stable';
    }
    return toCandidate(this.random(), this.canary!.weight) ? 'candidate' : 'stable';
  }

  private async scoreWith(model: ServedModel, rows: Record<string, unknown>[], idx: number[]) {
    const answers = new Map<number, { answer?: RowAnswer; error?: string }>();
    if (idx.length === 0) return { answers, ms: 0, failed: 0 };
    const t0 = performance.now();
    let failed = 0;
    try {
      const got = await model.score(idx.map((i) => rows[i]));
      idx.forEach((i, j) => answers.set(i, { answer: got[j] }));
    } catch (err) {
      failed = idx.length;
      const message = (err as Error).message?.split('\n')[0] ?? String(err);
      for (const i of idx) answers.set(i, { error: message });
    }
    return { answers, ms: performance.now() - t0, failed };
  }

  private line(id: string, time: string, version: string, role: ServingRole, served: boolean, row: Record<string, unknown>, a: { answer?: RowAnswer; error?: string }, ms: number): PredictionLine {
    return {
      type: 'prediction', id, time, version, role, served, inputs: row, output: a.answer?.prediction ?? null,
      ...(a.answer?.probabilities ? { probabilities: a.answer.probabilities } : {}), latencyMs: Math.round(ms * 1000) / 1000,
      ...(a.error ? { error: a.error } : {}),
    };
  }

  private count(model: ServedModel, role: ServingRole, rows: number, r: { ms: number; failed: number }, code: string): void {
    if (rows === 0) return;
    this.metrics.requests.add({ version: model.version, role, code }, rows);
    if (r.failed) this.metrics.errors.add({ version: model.version, role }, r.failed);
    this.metrics.latency.observe({ version: model.version, role }, r.ms / 1000);
  }

  private remember(id: string, p: Pending): void {
    this.pending.set(id, p);
    const max = this.o.pendingFeedback ?? SERVER_DEFAULTS.pendingFeedback;
    if (this.pending.size > max) this.pending.delete(this.pending.keys().next().value!);
  }

  /** Logs outcomes; those this process still holds feed the canary's metric check. */
  feedback(items: FeedbackItem[]): FeedbackResponse {
    const time = new Date(this.now()).toISOString();
    let matched = 0;
    const lines = items.map((item) => {
      const p = this.pending.get(item.id);
      if (p) {
        matched++;
        this.pending.delete(item.id);
        this.judge(p, item.actual);
      }
      this.metrics.feedback.add({ matched: String(Boolean(p)) });
      return { type: 'feedback' as const, id: item.id, time, actual: item.actual, matched: Boolean(p) };
    });
    this.o.logs?.feedback.write(lines);
    return { accepted: items.length, matched };
  }

  private judge(p: Pending, actual: number | string | boolean): void {
    const m = this.o.policy.kind === 'canary' ? this.o.policy.analysis.metric : undefined;
    if (!this.canary || !m || !p.stable || !p.candidate) return;
    const score = (a: RowAnswer): number => {
      if (m.name === 'accuracy') return String(a.prediction) === String(actual) ? 1 : 0;
      const err = Number(a.prediction) - Number(actual);
      return m.name === 'mae' ? -Math.abs(err) : -(err * err);
    };
    if (m.name !== 'accuracy' && !Number.isFinite(Number(actual))) return;
    this.canary.outcome(score(p.stable), score(p.candidate), this.now());
  }

  health(): HealthResponse {
    const w = this.candidateWeight();
    return {
      status: this.draining ? 'draining' : 'ok',
      model: this.o.model,
      versions: [{ version: this.o.stable.version, role: 'stable', weight: 100 - w }, ...(this.o.candidate ? [{ version: this.o.candidate.version, role: 'candidate' as const, weight: w }] : [])],
      policy: this.o.policy.kind,
      ...(this.canary ? { canary: { step: this.canary.step, state: this.canary.state } } : {}),
      instance: this.o.instance,
      uptimeS: Math.round((this.now() - this.started) / 1000),
    };
  }
}
