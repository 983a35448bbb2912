import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../models/split/prng';
import { canaryPolicySchema, decisionLineSchema, type DecisionLine } from '../../shared/serving/index';
import { CanaryEngine } from './canary';

const policy = (extra: object = {}) =>
  canaryPolicySchema.parse({
    kind: 'canary', candidate: '1.1',
    steps: [{ weight: 10, minDecisions: 1000 }, { weight: 50, minDecisions: 1000 }, { weight: 100, minDecisions: 1000 }],
    analysis: { maxP99Ms: 50, metric: { name: 'accuracy' } },
    ...extra,
  });

interface Sim {
  accuracy: number;
  drop: number;
  /** Share of rows on which the candidate's correctness is the stable's own (the rest drawn independently). */
  agree: number;
  latency: (r: () => number) => number;
  errorRate?: number;
}

/** Drives the engine one request at a time (one row each, outcome at once) and returns its decisions. */
function simulate(seed: number, sim: Sim, rows: number, p = policy()): { engine: CanaryEngine; decisions: DecisionLine[] } {
  const rand = mulberry32(seed);
  const decisions: DecisionLine[] = [];
  let now = 0;
  const engine = new CanaryEngine(p, { stable: '1.0', candidate: '1.1' }, now, (d) => decisions.push(d));
  for (let i = 0; i < rows && engine.active; i++) {
    now += 1000;
    const failed = rand() < (sim.errorRate ?? 0) ? 1 : 0;
    engine.candidateScored(1, failed, sim.latency(rand));
    engine.served(1, now);
    const s = rand() < sim.accuracy ? 1 : 0;
    let c = rand() < sim.agree ? s : rand() < sim.accuracy ? 1 : 0;
    if (c === 1 && rand() < sim.drop / sim.accuracy) c = 0;
    engine.outcome(s, c, now);
  }
  return { engine, decisions };
}

const fast = (r: () => number) => 2 + r() * 3;

describe('the canary engine', () => {
  it('A/A: two equally accurate models roll back falsely in at most 5 % of 200 seeds over the whole canary', () => {
    let rollbacks = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const { engine } = simulate(seed, { accuracy: 0.85, drop: 0, agree: 0.9, latency: fast }, 4000);
      if (engine.state === 'rolled-back') rollbacks++;
      else expect(engine.state).toBe('promoted');
    }
    expect(rollbacks / 200).toBeLessThanOrEqual(0.05);
  });

  it('a 3-point accuracy drop rolls back within 500 decisions, by the metric check, with its evidence', () => {
    const { engine, decisions } = simulate(7, { accuracy: 0.85, drop: 0.03, agree: 1, latency: fast }, 4000);
    expect(engine.state).toBe('rolled-back');
    const last = decisions.at(-1)!;
    expect(last.action).toBe('rollback');
    expect(last.decisions).toBeLessThanOrEqual(500);
    expect(last.weights).toEqual({ stable: 100, candidate: 0 });
    const metric = last.checks.find((c) => c.name === 'metric')!;
    expect(metric.status).toBe('fail');
    expect(Number(metric.evidence.pValue)).toBeLessThanOrEqual(0.05);
    expect(metric.value).toBeLessThan(0);
    for (const d of decisions) decisionLineSchema.parse(d);
  });

  it('rolls back within 500 decisions in at least 90 of 100 seeds of the same drop', () => {
    let fast500 = 0;
    for (let seed = 100; seed < 200; seed++) {
      const { engine, decisions } = simulate(seed, { accuracy: 0.85, drop: 0.03, agree: 1, latency: fast }, 500);
      if (engine.state === 'rolled-back' && decisions.at(-1)!.decisions <= 500) fast500++;
    }
    expect(fast500).toBeGreaterThanOrEqual(90);
  });

  it('slow answers roll back at once, in the middle of a step, not at its end', () => {
    const slow = (r: () => number) => (r() < 0.05 ? 400 : 3);
    const { engine, decisions } = simulate(3, { accuracy: 0.85, drop: 0, agree: 1, latency: slow }, 4000);
    expect(engine.state).toBe('rolled-back');
    const last = decisions.at(-1)!;
    expect(last.checks.find((c) => c.name === 'latency-p99')!.status).toBe('fail');
    expect(last.checks.find((c) => c.name === 'latency-p99')!.value).toBe(400);
    expect(last.decisions).toBeLessThan(1000);
    expect(last.step).toBe(0);
  });

  it('errors beyond the success rate roll back as soon as the rate cannot be met', () => {
    const { engine, decisions } = simulate(5, { accuracy: 0.85, drop: 0, agree: 1, latency: fast, errorRate: 0.05 }, 4000);
    expect(engine.state).toBe('rolled-back');
    const sr = decisions.at(-1)!.checks.find((c) => c.name === 'success-rate')!;
    expect(sr.status).toBe('fail');
    expect(Number(sr.evidence.errors)).toBe(2);
    expect(Number(sr.evidence.requests)).toBeLessThan(100);
  });

  it('a good candidate advances through each step and is promoted; a step also waits for its duration', () => {
    const p = policy({ steps: [{ weight: 10, minDecisions: 500, minDurationS: 1500 }, { weight: 60, minDecisions: 500 }] });
    const { engine, decisions } = simulate(11, { accuracy: 0.85, drop: 0, agree: 1, latency: fast }, 4000, p);
    expect(decisions.map((d) => d.action)).toEqual(['advance', 'promote']);
    // 1 s per request: the first step lasts 1500 s, past its 500 decisions.
    expect(decisions[0].decisions).toBe(1500);
    expect(decisions[0].weights).toEqual({ stable: 40, candidate: 60 });
    expect(decisions.map((d) => d.step)).toEqual([0, 1]);
    expect(engine.weight).toBe(100);
    expect(decisions[1].decisions).toBe(2000);
  });

  it('without feedback a step holds (and says so) rather than pass a model untested by its metric', () => {
    const decisions: DecisionLine[] = [];
    const engine = new CanaryEngine(policy(), { stable: '1.0', candidate: '1.1' }, 0, (d) => decisions.push(d));
    for (let i = 1; i <= 1600; i++) {
      engine.candidateScored(1, 0, 3);
      engine.served(1, i * 1000);
    }
    expect(engine.step).toBe(0);
    expect(engine.state).toBe('progressing');
    // Once the step's 1,000 decisions are in, a 'hold' line every 500 decisions.
    expect(decisions.map((d) => [d.action, d.decisions])).toEqual([['hold', 1000], ['hold', 1500]]);
    expect(decisions[0].reason).toMatch(/metric/);
  });
});
