/** `lathe deployments import|list|show`: JSON keys, the readable timeline, a bad line named with its file and line. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempHome } from '../../tests/helpers/temp-home';
import { latheIn } from '../../tests/helpers/lathe-cli';
import { writeCanaryLogs } from '../../tests/helpers/serving-logs';

const home = tempHome();
afterAll(() => home.cleanup());
const lathe = latheIn(home.dir);

// A classifier's canary: the candidate is wrong on every 4th row, the stable on every 10th.
const rows = Array.from({ length: 200 }, (_, i) => {
  const actual = i % 3 === 0 ? 'yes' : 'no';
  const flip = (a: string) => (a === 'yes' ? 'no' : 'yes');
  return { actual, stable: i % 10 === 0 ? flip(actual) : actual, candidate: i % 4 === 0 ? flip(actual) : actual };
});

describe('lathe deployments', () => {
  const dir = path.join(home.dir, 'logs', 'churn-canary');
  writeCanaryLogs(dir, rows, { stable: '1.0.0', candidate: '1.1.0', advanceAt: 50, rollbackAt: 120 });

  it('imports with --json, then says so again without writing', () => {
    const r = lathe('--json', 'deployments', 'import', dir);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).sort()).toEqual(['aliasMoves', 'deployment', 'files', 'lines', 'unchanged']);
    expect(out.deployment).toMatchObject({ name: 'churn-canary', policy: 'canary', outcome: 'rolled-back', versions: ['1.0.0', '1.1.0'], requests: 200 });
    const again = lathe('deployments', 'import', dir);
    expect(again.stdout).toMatch(/churn-canary: already imported from the same logs; nothing changed/);
  });

  it('lists and shows with --json and as text', () => {
    const list = JSON.parse(lathe('--json', 'deployments', 'list').stdout);
    expect(list.map((d: { name: string }) => d.name)).toEqual(['churn-canary']);
    const d = JSON.parse(lathe('--json', 'deployments', 'show', list[0].id.slice(0, 8)).stdout);
    expect(d.timeline.map((s: { action: string }) => s.action)).toEqual(['advance', 'rollback']);
    const acc = d.comparisons.find((c: { metric: string }) => c.metric === 'accuracy');
    // 120 paired rows: the stable is right on 108, the candidate on 90; McNemar counts the rows only one got right.
    expect(acc).toMatchObject({ rows: 120, versionA: '1.0.0', versionB: '1.1.0', verdict: 'a-better' });
    expect(acc.valueA).toBeCloseTo(108 / 120, 12);
    expect(acc.valueB).toBeCloseTo(90 / 120, 12);
    expect(acc.mcnemar).toMatchObject({ onlyA: 24, onlyB: 6 });
    expect(d.windows[0].metrics.accuracy.method).toBe('wilson');
    const text = lathe('deployments', 'show', 'churn-canary').stdout;
    expect(text).toMatch(/ROLLBACK/);
    expect(text).toMatch(/1\.1\.0 vs 1\.0\.0 \(accuracy, 120 paired rows\): A is better/);
  });

  it('names the file and line of a malformed line, with --json too', () => {
    const bad = path.join(home.dir, 'logs', 'bad');
    writeCanaryLogs(bad, rows.slice(0, 20), { stable: '1.0.0', candidate: '1.1.0', advanceAt: 5, rollbackAt: 10 });
    const file = path.join(bad, 'feedback-fixture.jsonl');
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines[2] = '{"type":"feedback","id":"r2"';
    fs.writeFileSync(file, lines.join('\n'));
    const r = lathe('--json', 'deployments', 'import', bad);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error.message).toContain(`${file}:3: not a JSON line`);
    expect(JSON.parse(lathe('--json', 'deployments', 'list').stdout)).toHaveLength(1);
  });
});
