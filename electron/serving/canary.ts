/**
 * The canary's policy engine: pure state, no I/O and no clock of its own (time is passed in), so the server, the
 * replay driver and tests run the same decisions. Every request is scored by both versions while the canary runs
 * (the weight only picks whose answer is returned): model answers do not depend on who else scored the row, so each
 * outcome gives a paired difference, which finds a drop in hundreds of outcomes where two unpaired arms need tens of
 * thousands. The checks run after every observation; the first that fails rolls back at once.
 */
import { PairedMsprt } from '../../models/stats/sequential';
import type { CanaryPolicy, CheckResult, DecisionAction, DecisionLine } from '../../shared/serving/index';

export type CanaryState = 'progressing' | 'rolled-back' | 'promoted' | 'holding';

/** Decisions between two 'hold' lines while a step waits on a pending check. */
const HOLD_EVERY = 500;

/** Default mixture spread for accuracy (a few points); regression metrics use a tenth of the stable's mean error. */
const ACCURACY_TAU = 0.03;

export class CanaryEngine {
  step = 0;
  state: CanaryState = 'progressing';
  decisions = 0;
  private stepStart: number;
  private stepDecisions = 0;
  private requests = 0;
  private errors = 0;
  private latencies: number[] = [];
  private latencyAt = 0;
  private slow = 0;
  private test: PairedMsprt | null = null;
  private stableScoreSum = 0;
  private pendingScores: number[] = [];
  private lastHold = 0;

  constructor(
    readonly policy: CanaryPolicy,
    readonly versions: { stable: string; candidate: string },
    now: number,
    private readonly onDecision: (line: DecisionLine) => void,
  ) {
    this.stepStart = now;
  }

  /**
   * Continues from the last decision an earlier process logged for the same two versions, so a restart never sends
   * traffic back to a candidate that was rolled back: rolled back and promoted stay so, an advance resumes at the step
   * after it (its counters start afresh; the metric test starts afresh too, which only delays a rejection).
   */
  resume(last: DecisionLine, now: number): void {
    if (last.stable !== this.versions.stable || last.candidate !== this.versions.candidate) return;
    this.decisions = last.decisions;
    this.stepStart = now;
    if (last.action === 'rollback') this.state = 'rolled-back';
    else if (last.action === 'promote') this.state = 'promoted';
    else if (last.action === 'advance') this.step = Math.min(last.step + 1, this.policy.steps.length - 1);
    else if (last.action === 'hold' && last.weights.candidate === this.policy.steps.at(-1)!.weight && this.policy.onSuccess === 'hold' && last.step === this.policy.steps.length - 1) {
      this.step = last.step;
      this.state = 'holding';
    } else this.step = Math.min(last.step, this.policy.steps.length - 1);
  }

  /** Percent of traffic the candidate answers now. */
  get weight(): number {
    if (this.state === 'rolled-back') return 0;
    if (this.state === 'promoted') return 100;
    return this.policy.steps[this.step].weight;
  }

  /** Whether the candidate still scores requests (not after a rollback or promotion). */
  get active(): boolean {
    return this.state === 'progressing' || this.state === 'holding';
  }

  /** One request scored by the candidate: its rows, how many failed, and how long it took. */
  candidateScored(rows: number, failed: number, latencyMs: number): void {
    if (!this.active) return;
    this.requests += rows;
    this.errors += failed;
    // A ring of the last `latencyWindow` latencies, with a count of those over the threshold: p99 ≤ max exactly when
    // at most 1 % of the window is over it, which is O(1) to keep; the p99 itself is computed only for a decision line.
    const a = this.policy.analysis;
    if (this.latencies.length < a.latencyWindow) this.latencies.push(latencyMs);
    else {
      if (this.latencies[this.latencyAt] > a.maxP99Ms) this.slow--;
      this.latencies[this.latencyAt] = latencyMs;
      this.latencyAt = (this.latencyAt + 1) % a.latencyWindow;
    }
    if (latencyMs > a.maxP99Ms) this.slow++;
  }

  /** Rows answered (by either version): the decisions steps are counted in. */
  served(rows: number, now: number): void {
    if (!this.active) return;
    this.decisions += rows;
    this.stepDecisions += rows;
    this.evaluate(now);
  }

  /** A true outcome for a row both versions scored: their per-row scores (higher is better). */
  outcome(stableScore: number, candidateScore: number, now: number): void {
    const m = this.policy.analysis.metric;
    if (!this.active || !m) return;
    if (!this.test) {
      // Regression metrics have no natural scale: tau is set from the stable's mean error over the first outcomes.
      this.stableScoreSum += stableScore;
      this.pendingScores.push(candidateScore - stableScore);
      if (m.name !== 'accuracy' && m.tau === undefined && this.pendingScores.length < m.minOutcomes) return;
      const tau = m.tau ?? (m.name === 'accuracy' ? ACCURACY_TAU : Math.max(1e-9, 0.1 * Math.abs(this.stableScoreSum / this.pendingScores.length)));
      this.test = new PairedMsprt({ margin: m.margin, alpha: m.alpha, tau, minN: m.minOutcomes });
      for (const d of this.pendingScores) this.test.push(d);
      this.pendingScores = [];
    } else this.test.push(candidateScore - stableScore);
    this.evaluate(now);
  }

  /** The checks as they stand; `values` false skips computing the p99 (statuses only, for every observation). */
  checks(values = true): CheckResult[] {
    const a = this.policy.analysis;
    const out: CheckResult[] = [];
    const n = this.requests, e = this.errors;
    const allowed = (1 - a.minSuccessRate) * Math.max(n, a.minRequests);
    const rate = n > 0 ? 1 - e / n : null;
    // Errors beyond what minRequests allows fail at once: no later success can bring the rate back.
    const srStatus = e > allowed + 1e-9 ? 'fail' : n >= a.minRequests ? 'pass' : 'pending';
    out.push({ name: 'success-rate', status: srStatus, value: rate, threshold: a.minSuccessRate, evidence: { requests: n, errors: e, minRequests: a.minRequests } });
    const k = this.latencies.length;
    const p99 = k && values ? percentile(this.latencies, 0.99) : null;
    const latStatus = k < Math.min(a.minRequests, a.latencyWindow) ? 'pending' : this.slow <= k - Math.ceil(0.99 * k) ? 'pass' : 'fail';
    out.push({ name: 'latency-p99', status: latStatus, value: p99, threshold: a.maxP99Ms, evidence: { samples: this.latencies.length, window: a.latencyWindow } });
    if (a.metric) {
      const s = this.test?.state();
      const status = s?.rejected ? 'fail' : s && s.n >= a.metric.minOutcomes ? 'pass' : 'pending';
      out.push({
        name: 'metric', status, value: s ? s.mean : null, threshold: -a.metric.margin,
        evidence: { metric: a.metric.name, outcomes: s?.n ?? this.pendingScores.length, sd: s?.sd ?? null, pValue: s?.p ?? 1, likelihoodRatio: s?.lr ?? 1, alpha: a.metric.alpha, tau: this.test?.opts.tau ?? null },
      });
    }
    return out;
  }

  private evaluate(now: number): void {
    if (!this.active) return;
    const checks = this.checks(false);
    const failed = checks.find((c) => c.status === 'fail');
    if (failed) {
      this.state = 'rolled-back';
      const valued = this.valued(checks);
      this.decide('rollback', now, valued, `${failed.name} failed: ${describe(valued.find((c) => c.name === failed.name)!)}`);
      return;
    }
    if (this.state === 'holding') return;
    const step = this.policy.steps[this.step];
    const elapsedS = (now - this.stepStart) / 1000;
    if (this.stepDecisions < step.minDecisions || elapsedS < step.minDurationS) return;
    const pending = checks.filter((c) => c.status === 'pending');
    if (pending.length) {
      if (this.decisions - this.lastHold >= HOLD_EVERY) {
        this.lastHold = this.decisions;
        this.decide('hold', now, this.valued(checks), `step ${this.step} waits on ${pending.map((c) => c.name).join(', ')}`);
      }
      return;
    }
    const valued = this.valued(checks);
    if (this.step + 1 < this.policy.steps.length) {
      this.step++;
      this.stepStart = now;
      this.stepDecisions = 0;
      this.requests = 0;
      this.errors = 0;
      this.latencies = [];
      this.latencyAt = 0;
      this.slow = 0;
      this.decide('advance', now, valued, `step ${this.step - 1} passed every check; candidate weight ${this.weight}%`, this.step - 1);
    } else if (this.policy.onSuccess === 'promote') {
      this.state = 'promoted';
      this.decide('promote', now, valued, 'the last step passed every check; all traffic to the candidate');
    } else {
      this.state = 'holding';
      this.decide('hold', now, valued, `the last step passed every check; holding at ${this.weight}% as the policy says`);
    }
  }

  /** Adds the p99 to statuses computed without it, before an advance resets the step's counters. */
  private valued(statuses: CheckResult[]): CheckResult[] {
    return statuses.map((c) => (c.name === 'latency-p99' && this.latencies.length ? { ...c, value: percentile(this.latencies, 0.99) } : c));
  }

  /** `step`: the step the decision ends (an advance names the step that passed; its weights are the next step's). */
  private decide(action: DecisionAction, now: number, checks: CheckResult[], reason: string, step = this.step): void {
    this.onDecision({
      type: 'decision', time: new Date(now).toISOString(), step,
      weights: { stable: 100 - this.weight, candidate: this.weight },
      stable: this.versions.stable, candidate: this.versions.candidate, decisions: this.decisions, checks, action, reason,
    });
  }
}

function describe(c: CheckResult): string {
  if (c.name === 'metric') return `candidate − stable ${c.value?.toFixed(4)} (always-valid p ${Number(c.evidence.pValue).toExponential(2)} ≤ alpha ${c.evidence.alpha}) against a margin of ${-c.threshold}`;
  if (c.name === 'latency-p99') return `p99 ${c.value?.toFixed(1)} ms > ${c.threshold} ms`;
  return `${c.evidence.errors} errors in ${c.evidence.requests} requests (success ${c.value === null ? '-' : (c.value * 100).toFixed(2)}% < ${(c.threshold * 100).toFixed(2)}%)`;
}

function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}
