import fs from 'node:fs';
import path from 'node:path';
import { logFileName, type DecisionLine, type FeedbackLine, type PredictionLine } from '../../shared/serving/index';

/** One replayed row: its true outcome and what each version answered. */
export interface FixtureRow {
  actual: number | string;
  stable: number | string;
  candidate: number | string;
}

export interface CanaryFixture {
  stable: string;
  candidate: string;
  /** Row index at which the canary advances from step 0 (10 %) to step 1 (50 %). */
  advanceAt: number;
  /** Row index at which it rolls back (all traffic to stable), or null: it promotes at the last row. */
  rollbackAt: number | null;
  start?: Date;
  instance?: string;
}

const weightAt = (i: number, f: CanaryFixture) => (f.rollbackAt !== null && i >= f.rollbackAt ? 0 : i >= f.advanceAt ? 50 : 10);

function decision(f: CanaryFixture, at: string, step: number, action: DecisionLine['action'], candidate: number, decisions: number, reason: string): DecisionLine {
  const metricStatus = action === 'rollback' ? 'fail' : 'pass';
  return {
    type: 'decision', time: at, step, weights: { stable: 100 - candidate, candidate }, stable: f.stable, candidate: f.candidate, decisions,
    checks: [
      { name: 'success-rate', status: 'pass', value: 1, threshold: 0.99, evidence: { requests: decisions, errors: 0 } },
      { name: 'latency-p99', status: 'pass', value: 2.1, threshold: 500, evidence: { window: decisions } },
      { name: 'metric', status: metricStatus, value: action === 'rollback' ? -0.08 : 0.001, threshold: -0.01, evidence: { outcomes: decisions, pValue: action === 'rollback' ? 0.003 : 0.6 } },
    ],
    action, reason,
  };
}

/**
 * Writes the logs a canary replay leaves in serve-model's --logs folder, line for line as the shared
 * schemas state them: both versions score every row while the canary runs (one served), one feedback
 * line per row, and the decisions. Used where a real server would make the test slow; the e2e uses the server.
 */
export function writeCanaryLogs(dir: string, rows: FixtureRow[], f: CanaryFixture): void {
  fs.mkdirSync(dir, { recursive: true });
  const t0 = (f.start ?? new Date('2026-11-30T09:00:00Z')).getTime();
  const instance = f.instance ?? 'fixture';
  const preds: PredictionLine[] = [];
  const feedback: FeedbackLine[] = [];
  const decisions: DecisionLine[] = [];
  const end = f.rollbackAt ?? rows.length;
  rows.forEach((r, i) => {
    const time = new Date(t0 + i * 1000).toISOString();
    const id = `r${i}`;
    const active = i < end;
    const toCandidate = active && (i % 10) * 10 < weightAt(i, f);
    const line = (version: string, role: PredictionLine['role'], served: boolean, output: number | string): PredictionLine => ({
      type: 'prediction', id, time, version, role, served, inputs: { row: i }, output, latencyMs: 1 + (i % 7) * 0.1,
    });
    preds.push(line(f.stable, 'stable', !toCandidate, r.stable));
    if (active) preds.push(line(f.candidate, 'candidate', toCandidate, r.candidate));
    feedback.push({ type: 'feedback', id, time: new Date(t0 + i * 1000 + 500).toISOString(), actual: r.actual, matched: true });
    const at = new Date(t0 + i * 1000 + 900).toISOString();
    if (i === f.advanceAt - 1) decisions.push(decision(f, at, 0, 'advance', 50, i + 1, 'step 0 passed every check; candidate to 50 %'));
    if (f.rollbackAt !== null && i === f.rollbackAt - 1) decisions.push(decision(f, at, 1, 'rollback', 0, i + 1, 'metric check failed: candidate worse than stable beyond the margin'));
    if (f.rollbackAt === null && i === rows.length - 1) decisions.push(decision(f, at, 1, 'promote', 100, i + 1, 'every step passed; candidate promoted'));
  });
  const write = (kind: 'predictions' | 'feedback' | 'decisions', lines: object[]) =>
    fs.writeFileSync(path.join(dir, logFileName(kind, instance)), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  write('predictions', preds);
  write('feedback', feedback);
  write('decisions', decisions);
}

/**
 * A sticky A/B split's logs: each row answered by one version only (odd rows by the candidate), one feedback
 * line per row, no decisions.
 */
export function writeAbLogs(dir: string, rows: FixtureRow[], f: { stable: string; candidate: string; start?: Date; instance?: string }): void {
  fs.mkdirSync(dir, { recursive: true });
  const t0 = (f.start ?? new Date('2026-11-30T09:00:00Z')).getTime();
  const instance = f.instance ?? 'fixture';
  const preds: PredictionLine[] = rows.map((r, i) => {
    const candidate = i % 2 === 1;
    return {
      type: 'prediction', id: `r${i}`, time: new Date(t0 + i * 1000).toISOString(), version: candidate ? f.candidate : f.stable, role: candidate ? 'candidate' : 'stable',
      served: true, inputs: { row: i }, output: candidate ? r.candidate : r.stable, latencyMs: 1,
    };
  });
  const feedback: FeedbackLine[] = rows.map((r, i) => ({ type: 'feedback', id: `r${i}`, time: new Date(t0 + i * 1000 + 500).toISOString(), actual: r.actual, matched: true }));
  fs.writeFileSync(path.join(dir, logFileName('predictions', instance)), preds.map((l) => JSON.stringify(l)).join('\n') + '\n');
  fs.writeFileSync(path.join(dir, logFileName('feedback', instance)), feedback.map((l) => JSON.stringify(l)).join('\n') + '\n');
}
