import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importFile } from '../../../tests/helpers/core-fixture';
import { sampleImport, samplesDir } from '../datasets/samples';
import { ApiError } from '../../../shared/api/errors';
import type { ExplorerSchemaDto } from '../../../shared/api/methods/explorer';
import type { ProfileDto } from '../../../shared/api/datasets-dto';

let fx: ReturnType<typeof coreFixture>;
let gbdt: string;
let classifier: string;
let housingProfile: ProfileDto;

async function train(args: Parameters<typeof fx.core.call<'runs.start'>>[1]) {
  const { runId, jobId } = await fx.core.call('runs.start', args);
  expect((await fx.core.ctx.jobs.wait(jobId)).status).toBe('succeeded');
  return runId;
}

/** The form's starting row: every input at its default. */
function defaults(schema: ExplorerSchemaDto): Record<string, string | number | null> {
  return Object.fromEntries(schema.inputs.map((i) => [i.column, i.default]));
}

async function rejection(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    return err as ApiError;
  }
  throw new Error('expected a rejection');
}

beforeAll(async () => {
  fx = coreFixture();
  const housing = await importFile(fx.core, { path: path.join(samplesDir(), 'california_housing/housing.csv'), name: 'housing' });
  const { jobId } = await fx.core.call('datasets.profile', { id: housing.id });
  await fx.core.ctx.jobs.wait(jobId!);
  housingProfile = (await fx.core.call('datasets.profile', { id: housing.id })).profile!;
  const adult = sampleImport('adult-income');
  await importFile(fx.core, { ...adult.options, path: adult.path, name: 'adult' });
  gbdt = await train({ dataset: 'housing', target: 'median_house_value', params: { trees: 40 } });
  classifier = await train({ dataset: 'adult', target: 'income', family: 'linear' });
  await fx.core.call('models.register', { runId: gbdt, name: 'prices' });
}, 120_000);
afterAll(() => fx.close());

describe('explorer', () => {
  it('describes a registered model’s inputs from its training data', async () => {
    const s = await fx.core.call('explorer.schema', { model: 'prices@1.0.0' });
    expect(s).toMatchObject({ modelName: 'prices', version: '1.0.0', runId: gbdt, task: 'regression', target: 'median_house_value', explainMethod: 'treeshap', explainSpace: 'value' });
    expect(s.interval?.coverage).toBeGreaterThan(0);
    const income = s.inputs.find((i) => i.column === 'median_income')!;
    expect(income.kind).toBe('numeric');
    expect(income.min!).toBeLessThan(income.median!);
    expect(income.median!).toBeLessThan(income.max!);
    expect(income.default).toBe(income.median);
    const ocean = s.inputs.find((i) => i.column === 'ocean_proximity')!;
    expect(ocean.kind).toBe('categorical');
    expect(ocean.categories).toContain('NEAR BAY');
    expect(ocean.default).toBe(ocean.categories![0]);
    const bedrooms = s.inputs.find((i) => i.column === 'total_bedrooms')!;
    expect(bedrooms.missing).toBeCloseTo(207 / 20640, 5);
    // Ranges are the data's own (from the profile), not those of the 5,000-row sample.
    for (const column of ['population', 'total_rooms', 'median_income']) {
      const p = housingProfile.columns.find((c) => c.name === column)!;
      expect(s.inputs.find((i) => i.column === column)).toMatchObject({ min: p.min, max: p.max });
    }
  });

  it('predicts in onnxruntime with an interval, and TreeSHAP contributions add up to the prediction', async () => {
    const s = await fx.core.call('explorer.schema', { model: gbdt });
    const row = defaults(s);
    const richer = { ...row, median_income: s.inputs.find((i) => i.column === 'median_income')!.max };
    const r = await fx.core.call('explorer.predict', { model: gbdt, rows: [row, richer, { ...row, total_bedrooms: null }], explain: true });
    expect(r.engine).toBe('onnxruntime');
    expect(r.predictions).toHaveLength(3);
    const [p0, p1] = r.predictions;
    expect(p1.value!).toBeGreaterThan(p0.value!);
    expect(p0.lower!).toBeLessThan(p0.value!);
    expect(p0.upper!).toBeGreaterThan(p0.value!);
    r.explanations!.forEach((e, i) => {
      const total = e.base + e.contributions.reduce((sum, c) => sum + c.contribution, 0);
      // ONNX returns float32 values: agreement to float32 precision.
      expect(Math.abs(total - r.predictions[i].value!) / Math.abs(r.predictions[i].value!)).toBeLessThan(1e-5);
      expect(e.contributions.map((c) => c.column).sort()).toEqual([...s.inputs.map((x) => x.column)].sort());
    });
    const e1 = r.explanations![1];
    expect(e1.contributions.find((c) => c.column === 'median_income')!.value).toBe(richer.median_income);
    expect(r.explanations![2].contributions.find((c) => c.column === 'total_bedrooms')!.value).toBeNull();
  });

  it('refuses unknown inputs and unreadable values by name', async () => {
    const s = await fx.core.call('explorer.schema', { model: gbdt });
    const unknown = await rejection(fx.core.call('explorer.predict', { model: gbdt, rows: [{ ...defaults(s), price: 3 }] }));
    expect(unknown.details).toMatchObject({ field: 'rows.0.price' });
    const bad = await rejection(fx.core.call('explorer.predict', { model: gbdt, rows: [defaults(s), { ...defaults(s), housing_median_age: 'old' }] }));
    expect(bad.code).toBe('bad_request');
    expect(bad.message).toContain('rows.1.housing_median_age');
    const noModel = await rejection(fx.core.call('explorer.schema', { model: 'nobody@9.9.9' }));
    expect(noModel.code).toBe('not_found');
  });

  it('explains a classifier in log-odds and draws partial dependence per class', async () => {
    const s = await fx.core.call('explorer.schema', { model: classifier });
    expect(s).toMatchObject({ task: 'binary', explainMethod: 'linear', explainSpace: 'log-odds' });
    const r = await fx.core.call('explorer.predict', { model: classifier, rows: [defaults(s)], explain: true });
    const p = r.predictions[0];
    const probs = Object.values(p.probabilities!);
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(p.label).toBe(Object.entries(p.probabilities!).sort((a, b) => b[1] - a[1])[0][0]);
    const e = r.explanations![0];
    expect(e.output).toBe(s.classes![1]);
    const logit = e.base + e.contributions.reduce((sum, c) => sum + c.contribution, 0);
    expect(1 / (1 + Math.exp(-logit))).toBeCloseTo(p.probabilities![s.classes![1]], 5);

    const pd = await fx.core.call('explorer.pdp', { model: classifier, column: 'education-num', points: 8 });
    expect(pd.kind).toBe('numeric');
    expect(pd.series.map((x) => x.name)).toEqual(s.classes);
    expect(pd.grid.length).toBeGreaterThan(2);
    const rich = pd.series[1].values;
    expect(rich[rich.length - 1]).toBeGreaterThan(rich[0]);
    pd.grid.forEach((_, g) => expect(pd.series[0].values[g] + pd.series[1].values[g]).toBeCloseTo(1, 6));
    const cat = await fx.core.call('explorer.pdp', { model: classifier, column: 'workclass', points: 5 });
    expect(cat.kind).toBe('categorical');
    expect(cat.grid.every((g) => typeof g === 'string')).toBe(true);
    expect((await rejection(fx.core.call('explorer.pdp', { model: classifier, column: 'nope' }))).details).toMatchObject({ field: 'column' });
  });

  it('draws ICE curves of a seeded sample of rows with the partial dependence', async () => {
    const pd = await fx.core.call('explorer.pdp', { model: gbdt, column: 'median_income', points: 8 });
    expect(pd.ice!.rows).toBe(50);
    const [curves] = pd.ice!.series.map((x) => x.curves);
    expect(curves).toHaveLength(50);
    expect(curves.every((c) => c.length === pd.grid.length)).toBe(true);
    // The same rows each time, and individual rows differ from each other and from the mean.
    expect((await fx.core.call('explorer.pdp', { model: gbdt, column: 'median_income', points: 8 })).ice).toEqual(pd.ice);
    expect(new Set(curves.map((c) => c[0])).size).toBeGreaterThan(10);
    expect((await fx.core.call('explorer.pdp', { model: gbdt, column: 'median_income', points: 8, ice: 0 })).ice).toBeNull();
    const cls = await fx.core.call('explorer.pdp', { model: classifier, column: 'age', points: 6, ice: 10 });
    expect(cls.ice!.series.map((x) => x.name)).toEqual(cls.series.map((x) => x.name));
    cls.ice!.series[0].curves.forEach((c, j) => c.forEach((p, g) => expect(p + cls.ice!.series[1].curves[j][g]).toBeCloseTo(1, 9)));
  });

  it('pages and searches the model’s dataset rows, in the form’s values', async () => {
    const lines = fs.readFileSync(path.join(samplesDir(), 'california_housing/housing.csv'), 'utf8').trim().split('\n');
    const header = lines[0].split(',');
    const page = await fx.core.call('explorer.rows', { model: 'prices@1.0.0', offset: 2, limit: 3 });
    expect(page.total).toBe(lines.length - 1);
    expect(page.rows.map((r) => r.row)).toEqual([3, 4, 5]);
    const third = lines[3].split(',');
    const cell = (name: string) => third[header.indexOf(name)];
    expect(page.rows[0].values.median_income).toBe(Number(cell('median_income')));
    expect(page.rows[0].values.ocean_proximity).toBe(cell('ocean_proximity'));
    expect(page.rows[0].actual).toBe(Number(cell('median_house_value')));
    expect(Object.keys(page.rows[0].values).sort()).toEqual(header.filter((h) => h !== 'median_house_value').sort());

    const islands = lines.filter((l) => l.endsWith(',ISLAND')).length;
    const found = await fx.core.call('explorer.rows', { model: gbdt, search: 'island', limit: 3 });
    expect(found.total).toBe(islands);
    expect(found.rows).toHaveLength(3);
    expect(found.rows.every((r) => r.values.ocean_proximity === 'ISLAND')).toBe(true);
    const rest = await fx.core.call('explorer.rows', { model: gbdt, search: 'island', offset: 3, limit: 3 });
    expect(rest.rows).toHaveLength(islands - 3);
    expect(rest.rows[0].row).toBeGreaterThan(found.rows[2].row);
    // A picked row predicts as it is.
    const r = await fx.core.call('explorer.predict', { model: gbdt, rows: [found.rows[0].values] });
    expect(r.predictions[0].value).toBeGreaterThan(0);

    const adultRow = (await fx.core.call('explorer.rows', { model: classifier, limit: 1 })).rows[0];
    const s = await fx.core.call('explorer.schema', { model: classifier });
    expect(s.classes).toContain(adultRow.actual);
    expect((await fx.core.call('explorer.predict', { model: classifier, rows: [adultRow.values] })).predictions[0].label).not.toBeNull();
  });

  it('bins a binary run’s held-out probabilities so the threshold at 0.5 reproduces its confusion matrix', async () => {
    const t = await fx.core.call('explorer.thresholds', { model: classifier });
    const run = await fx.core.call('runs.get', { id: classifier });
    expect(t.classes).toEqual(run.report!.confusion!.labels);
    expect(t.source).toBe('test');
    const sum = (xs: number[], from = 0) => xs.slice(from).reduce((a, b) => a + b, 0);
    for (const k of [0, 1]) expect(sum(t.byClass[k].positives) + sum(t.byClass[k].negatives)).toBe(t.rows);
    const half = t.bins / 2;
    const m = run.report!.confusion!.matrix;
    // Rows are actual classes, columns predicted: predicted class 1 where P(1) >= 0.5.
    expect(sum(t.byClass[1].positives, half)).toBe(m[1][1]);
    expect(sum(t.byClass[1].negatives, half)).toBe(m[0][1]);
    expect(sum(t.byClass[1].positives) - sum(t.byClass[1].positives, half)).toBe(m[1][0]);
    expect((await rejection(fx.core.call('explorer.thresholds', { model: gbdt }))).code).toBe('bad_request');
  });

  it('explains an mlp with sampling Shapley values that add up to its prediction', async () => {
    const mlp = await train({ dataset: 'housing', target: 'median_house_value', family: 'mlp', params: { hidden: '8', epochs: 2 } });
    const s = await fx.core.call('explorer.schema', { model: mlp });
    expect(s).toMatchObject({ explainMethod: 'sampling-shapley', explainSpace: 'value' });
    const r = await fx.core.call('explorer.predict', { model: mlp, rows: [defaults(s)], explain: true });
    const e = r.explanations![0];
    const total = e.base + e.contributions.reduce((sum, c) => sum + c.contribution, 0);
    expect(Math.abs(total - r.predictions[0].value!)).toBeLessThan(1e-3 * Math.abs(r.predictions[0].value!));
  });

  it('opens an exported .onnx file, infers its inputs and runs it', async () => {
    const out = path.join(fx.home, 'bundle');
    await fx.core.call('models.export', { model: gbdt, outDir: out });
    const f = await fx.core.call('explorer.openOnnx', { path: path.join(out, 'model.onnx') });
    expect(f.fileName).toBe('model.onnx');
    expect(f.producer).toMatch(/lathe/i);
    const byName = Object.fromEntries(f.inputs.map((i) => [i.name, i]));
    expect(byName.ocean_proximity).toMatchObject({ type: 'string' });
    expect(byName.median_income.type).toBe('float64');
    expect(byName.median_income.dims[0]).toBeNull();
    expect(f.outputs.map((o) => o.name)).toContain('prediction');

    const s = await fx.core.call('explorer.schema', { model: gbdt });
    const row = defaults(s);
    const inputs = Object.fromEntries(f.inputs.map((i) => [i.name, [row[i.name] as number | string]]));
    const ran = await fx.core.call('explorer.runOnnx', { id: f.id, inputs });
    const viaExplorer = await fx.core.call('explorer.predict', { model: gbdt, rows: [row] });
    expect(ran.outputs.find((o) => o.name === 'prediction')!.values[0]).toBeCloseTo(viaExplorer.predictions[0].value!, 6);
    const wrong = await rejection(fx.core.call('explorer.runOnnx', { id: f.id, inputs: { ...inputs, median_income: [1, 2] } }));
    expect(wrong.details).toMatchObject({ field: 'inputs.median_income' });
    // A few files stay open; opening more closes the oldest, which then asks to be opened again.
    const more = [];
    for (let i = 0; i < 4; i++) more.push(await fx.core.call('explorer.openOnnx', { path: path.join(out, 'model.onnx') }));
    const closed = await rejection(fx.core.call('explorer.runOnnx', { id: f.id, inputs }));
    expect(closed.message).toMatch(/no longer open/);
    expect((await fx.core.call('explorer.runOnnx', { id: more[3].id, inputs })).outputs.length).toBeGreaterThan(0);
    const notOnnx = path.join(fx.home, 'not.onnx');
    fs.writeFileSync(notOnnx, 'hello');
    expect((await rejection(fx.core.call('explorer.openOnnx', { path: notOnnx }))).code).toBe('bad_request');
  });

  it('batch-predicts an uploaded CSV into the data folder, serves it for download and removes the upload', async () => {
    const uploads = path.join(fx.home, 'uploads');
    fs.mkdirSync(uploads, { recursive: true });
    const src = fs.readFileSync(path.join(samplesDir(), 'california_housing/housing.csv'), 'utf8').split('\n').slice(0, 101).join('\n');
    const input = path.join(uploads, '0b5d2f64-4c1e-4c47-9a55-3f0b8a7d2e11-houses.csv');
    fs.writeFileSync(input, src);
    const { jobId } = await fx.core.call('models.predict', { model: 'prices@1.0.0', input });
    expect((await fx.core.ctx.jobs.wait(jobId)).status).toBe('succeeded');
    const file = await fx.core.call('explorer.predictionFile', { jobId });
    expect(file.fileName).toMatch(/^houses\.predictions-.*\.csv$/);
    expect(file.rows).toBe(100);
    const lines = file.text.trim().split('\n');
    expect(lines).toHaveLength(101);
    expect(lines[0]).toContain('predicted_median_house_value');
    expect(fs.existsSync(input)).toBe(false);
    expect(fs.existsSync(path.join(fx.home, 'predictions', file.fileName))).toBe(true);
    expect((await rejection(fx.core.call('explorer.predictionFile', { jobId: '0000dead' }))).code).toBe('not_found');

    const wrong = path.join(uploads, '6f1e0c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b-other.csv');
    fs.writeFileSync(wrong, 'a,b\n1,2\n');
    const failed = await fx.core.ctx.jobs.wait((await fx.core.call('models.predict', { model: 'prices@1.0.0', input: wrong })).jobId);
    expect(failed.status).toBe('failed');
    expect(failed.error!.message).toMatch(/^other\.csv lacks the columns the model needs: longitude/);
    expect(fs.existsSync(wrong)).toBe(false);
  });
});
