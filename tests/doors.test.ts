/**
 * The app's form and the CLI are two doors to one run: from their defaults they must train
 * the same model (same resolved task, split, seed and every parameter).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importFile } from './helpers/core-fixture';
import { emptyForm, toArgs } from '../renderer/features/experiments/form';
import { parseParams, parseSplit } from '../electron/cli/commands/runs';
import { DEFAULT_SEED, DEFAULT_TEST_FRACTION } from '../shared/api/methods/runs';
import { FAMILY_IDS, isTextOnlyFamily, resolveParams, type Family } from '../shared/families/index';
import { mulberry32 } from '../models/split/prng';

let fx: ReturnType<typeof coreFixture>;
let dataset: string;

beforeAll(async () => {
  fx = coreFixture();
  const file = path.join(fx.home, 'doors.csv');
  const rand = mulberry32(11);
  const rows = Array.from({ length: 240 }, (_, i) => {
    const a = rand();
    const b = rand();
    return `${a.toFixed(4)},${b.toFixed(4)},${i % 3 === 0 ? 'red' : 'blue'},${(3 * a - b + 0.1 * rand()).toFixed(4)}`;
  });
  fs.writeFileSync(file, `a,b,colour,y\n${rows.join('\n')}\n`);
  dataset = (await importFile(fx.core, { path: file })).id;
});
afterAll(() => fx.close());

/** What `lathe train --dataset D --target y --model F` sends, with the CLI's own option defaults. */
function cliArgs(family: Family) {
  return { dataset, target: 'y', exclude: [], family, params: parseParams([]), split: parseSplit('random', DEFAULT_TEST_FRACTION), seed: DEFAULT_SEED };
}

async function trained(args: unknown) {
  const { runId, jobId } = await fx.core.call('runs.start', args);
  await fx.core.jobResult('runs.train', jobId);
  const run = await fx.core.call('runs.get', { id: runId });
  const model = fx.core.ctx.repos.runs.artifact<object>(runId, 'model');
  return { run, model };
}

describe('the app form and the CLI', () => {
  // Text families read a text column; this table has none (electron/host/runs/text-runs.test.ts has them).
  it.each(FAMILY_IDS.filter((f) => !isTextOnlyFamily(f)))('train identical %s models from their defaults', async (family) => {
    const app = await trained(toArgs({ ...emptyForm(dataset), target: 'y', family }));
    const cli = await trained(cliArgs(family));
    expect(app.run.params).toEqual(resolveParams(family, {}));
    expect(cli.run.params).toEqual(app.run.params);
    expect({ task: cli.run.task, split: cli.run.split, seed: cli.run.seed }).toEqual({ task: app.run.task, split: app.run.split, seed: app.run.seed });
    // Same inputs, same seed: the same model, weight for weight (the mlp's TF.js backend is deterministic on one thread too).
    expect(JSON.stringify(cli.model)).toBe(JSON.stringify(app.model));
  });
});
