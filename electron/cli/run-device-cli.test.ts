import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { latheIn } from '../../tests/helpers/lathe-cli';
import { tempHome } from '../../tests/helpers/temp-home';

const home = tempHome('lathe-cli-device-');
const lathe = latheIn(home.dir);
const housing = path.resolve(import.meta.dirname, '../../resources/samples/california_housing/housing.csv');

afterAll(() => home.cleanup());

describe('lathe runs device and lathe predict: where the work ran', () => {
  it('names the device of a network run with each skipped backend, in text and --json; a gbdt run has none', () => {
    const csv = path.join(home.dir, 'housing.csv');
    fs.writeFileSync(csv, fs.readFileSync(housing, 'utf8').split('\n').slice(0, 1501).join('\n'));
    expect(lathe('import', csv, '--name', 'housing').code).toBe(0);
    const run = JSON.parse(lathe('--json', 'train', '--dataset', 'housing', '--target', 'median_house_value', '--model', 'mlp', '--param', 'epochs=2').stdout);
    expect(run.backend).toBe('wasm-kernel');
    const device = JSON.parse(lathe('--json', 'runs', 'device', run.runId).stdout);
    expect(device.trainedOn).toBe('wasm-kernel');
    expect(device.tried.at(-1)).toEqual({ name: 'wasm', ok: true });
    expect(device.tried.slice(0, -1).every((t: { ok: boolean; reason?: string }) => !t.ok && t.reason)).toBe(true);
    const text = lathe('runs', 'device', run.runId).stdout;
    expect(text).toMatch(/^trained on wasm-kernel\n/);
    expect(text).toMatch(/webgpu\s+skipped: /);

    const gbdt = JSON.parse(lathe('--json', 'train', '--dataset', 'housing', '--target', 'median_house_value', '--model', 'gbdt', '--param', 'trees=5').stdout);
    expect(lathe('--json', 'runs', 'device', gbdt.runId).stdout.trim()).toBe('null');
    expect(lathe('runs', 'device', gbdt.runId).stdout).toContain('records no training device');

    const predicted = JSON.parse(lathe('--json', 'predict', '--model', run.runId, '--input', csv, '--out', path.join(home.dir, 'p.csv')).stdout);
    expect(predicted.rows).toBe(1500);
    expect(predicted.provider.tried.at(-1)).toEqual({ name: predicted.provider.used, ok: true });
  }, 180_000);
});
