/** `lathe drift`: a dataset or a model version's training rows against a current dataset, as the API computes it. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importFile } from '../../tests/helpers/core-fixture';
import { latheIn } from '../../tests/helpers/lathe-cli';

let fx: ReturnType<typeof coreFixture>;

const lathe = latheIn(() => fx.home);

/** Rows of x (a smooth spread), a colour and y; `shift` moves x, `newColour` replaces every 10th colour. */
function csv(file: string, n: number, shift: number, newColour: string | null, header = 'x,colour,y') {
  const colours = ['red', 'green', 'blue'];
  const lines = [header];
  for (let i = 0; i < n; i++) {
    const x = Math.sin(i * 12.9898) * 43758.5453 % 1; // spread over (−1, 1), no order
    const colour = newColour && i % 10 === 0 ? newColour : colours[i % 3];
    lines.push(`${(x + shift).toFixed(5)},${colour},${(2 * x + (i % 3)).toFixed(4)}`);
  }
  fs.writeFileSync(path.join(fx.home, file), lines.join('\n'));
  return path.join(fx.home, file);
}

beforeAll(async () => {
  fx = coreFixture();
  const train = await importFile(fx.core, { path: csv('train.csv', 1500, 0, null), name: 'train' });
  await importFile(fx.core, { path: csv('same.csv', 1000, 0, null), name: 'same' });
  await importFile(fx.core, { path: csv('moved.csv', 1000, 0.5, 'purple'), name: 'moved' });
  await importFile(fx.core, { path: csv('renamed.csv', 300, 0, null, 'x,hue,y'), name: 'renamed' });
  fs.writeFileSync(path.join(fx.home, 'typed.csv'), ['x,colour,y', ...Array.from({ length: 50 }, (_, i) => `${i % 2 ? 'a' : 'b'},${i % 3},${i}`)].join('\n'));
  await importFile(fx.core, { path: path.join(fx.home, 'typed.csv'), name: 'typed' });
  const started = await fx.core.call('runs.start', { dataset: train.id, target: 'y', family: 'linear', split: { kind: 'random', testFraction: 0.2 } });
  const { runId } = await fx.core.jobResult('runs.train', started.jobId);
  await fx.core.call('models.register', { runId, name: 'pricer' });
  await fx.core.close();
}, 120_000);
afterAll(() => fx.close().catch(() => undefined));

describe('lathe drift', () => {
  it('--json: drifted features, effect sizes, quality checks and sample sizes', () => {
    const r = lathe('drift', '--reference', 'train', '--current', 'moved', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).sort()).toEqual(['current', 'drifted', 'driftedShare', 'features', 'notes', 'prediction', 'reference', 'settings']);
    expect(out.drifted).toBe(true);
    expect(out.reference).toEqual({ label: 'train', rows: 1500, compared: 1500, sampled: false });
    const byName = Object.fromEntries(out.features.map((f: { name: string }) => [f.name, f]));
    expect(Object.keys(byName.x).sort()).toEqual(['adjustedPValue', 'distribution', 'drifted', 'effect', 'kind', 'material', 'method', 'n', 'name', 'pValue', 'quality', 'severity', 'statistic', 'test']);
    expect(byName.x).toMatchObject({ test: 'ks', drifted: true, severity: 'drift', n: { reference: 1500, current: 1000 } });
    expect(byName.colour).toMatchObject({ test: 'chi2', drifted: true, quality: { newCategories: ['purple'] } });
    expect(byName.colour.effect.newCategoryShare).toBeCloseTo(0.1, 12);
    expect(out.settings.maxRows).toBe(100_000);
  }, 60_000);

  it('the same distribution raises no alarm; the table is sorted by severity', () => {
    const same = JSON.parse(lathe('drift', '--reference', 'train', '--current', 'same', '--json').stdout);
    expect(same.drifted).toBe(false);
    const r = lathe('drift', '--reference', 'train', '--current', 'moved', '--columns', 'y,x');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^DRIFT: \d of 2 features drifted/);
    const table = r.stdout.split('\n');
    expect(table.findIndex((l) => l.startsWith('x '))).toBeLessThan(table.findIndex((l) => l.startsWith('y ')));
  }, 60_000);

  it('a model version: its training rows as the reference, and its predictions compared', () => {
    const out = JSON.parse(lathe('drift', '--reference', 'pricer@1.0.0', '--current', 'moved', '--json').stdout);
    expect(out.reference.rows).toBe(1200);
    expect(out.reference.label).toBe('pricer@1.0.0 (training rows of train)');
    expect(out.features.map((f: { name: string }) => f.name).sort()).toEqual(['colour', 'x']);
    expect(out.notes.join(' ')).toMatch(/random split's training rows \(300 test rows left out\)/);
    expect(out.prediction).toMatchObject({ name: 'prediction', test: 'ks', drifted: true });
  }, 60_000);

  it('errors name the missing column and the type mismatch', () => {
    const missing = lathe('drift', '--reference', 'train', '--current', 'renamed', '--json');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout)).toMatchObject({ ok: false, error: { code: 'bad_request', message: "The current dataset 'renamed' has no column 'colour'" } });
    const typed = lathe('drift', '--reference', 'train', '--current', 'typed', '--columns', 'x');
    expect(typed.code).toBe(1);
    expect(typed.stderr.trim()).toBe("lathe: Column 'x' is float in the reference but categorical in 'typed'");
    const unknown = lathe('drift', '--reference', 'train', '--current', 'same', '--columns', 'x,price');
    expect(unknown.stderr.trim()).toBe("lathe: The reference 'train' has no column 'price'");
  }, 60_000);

  // Last: it appends to 'train', which the tests above read as it was.
  it("a model version's reference stays the dataset version its run trained on after rows are appended", () => {
    const appended = lathe('import', csv('later.csv', 400, 0.5, 'purple'), '--append-to', 'train', '--json');
    expect(JSON.parse(appended.stdout)).toMatchObject({ version: 2, rows: 1900 });
    const out = JSON.parse(lathe('drift', '--reference', 'pricer@1.0.0', '--current', 'same', '--json').stdout);
    expect(out.reference.rows).toBe(1200);
    expect(out.drifted).toBe(false);
    // The dataset by name is its current version, appended rows included.
    expect(JSON.parse(lathe('drift', '--reference', 'train', '--current', 'same', '--json').stdout).reference.rows).toBe(1900);
  }, 60_000);
});
