import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempHome } from '../../tests/helpers/temp-home';
import { latheIn } from '../../tests/helpers/lathe-cli';

const home = tempHome();
afterAll(() => home.cleanup());

const lathe = latheIn(home.dir);

describe('lathe register', () => {
  it('prints a warning line, and --json a warning field, when the version is worse than production', () => {
    const csv = path.resolve(import.meta.dirname, '../../resources/samples/airline_passengers/airline-passengers.csv');
    expect(lathe('--json', 'import', csv, '--name', 'air').code).toBe(0);
    const train = (model: string) => JSON.parse(lathe('--json', 'train', '--dataset', 'air', '--target', 'Passengers', '--model', model, '--split', 'time:Month').stdout);
    // Whichever scores better goes to production first.
    const [better, worse] = [train('linear'), train('gbdt')].sort((a, b) => a.metrics.rmse - b.metrics.rmse);
    expect(worse.metrics.rmse).toBeGreaterThan(better.metrics.rmse);

    const first = JSON.parse(lathe('--json', 'register', better.runId, '--name', 'air-model').stdout);
    expect(first).toMatchObject({ version: '1.0.0', warning: null });
    expect(lathe('promote', 'air-model@1.0.0', '--alias', 'production').code).toBe(0);

    const text = lathe('register', worse.runId, '--name', 'air-model');
    expect(text.code).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^registered air-model@1\.1\.0/);
    expect(lines[1]).toMatch(/^warning: Run [0-9a-f]{8} scores worse than production \(air-model@1\.0\.0\): RMSE/);

    const json = JSON.parse(lathe('--json', 'register', worse.runId, '--name', 'air-model-2').stdout);
    expect(json.warning).toBeNull();
  });
});
