/** Efficiency of TreeSHAP on a real gbdt model: adult census income (first 4,000 training rows). */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { trainModel } from '../train/index';
import { Frame, makeFrame, numericColumn, stringColumn, takeRows } from '../frame/frame';
import { Pipeline } from '../pipeline/pipeline';
import { GbdtModel, GbdtModelJSON } from '../gbdt/model';
import { explain } from './index';

// The same file ships with the app's samples, so the check runs everywhere.
const FILE = fileURLToPath(new URL('../../resources/samples/adult/adult-train.csv', import.meta.url));

const COLUMNS = ['age', 'workclass', 'fnlwgt', 'education', 'education-num', 'marital-status', 'occupation',
  'relationship', 'race', 'sex', 'capital-gain', 'capital-loss', 'hours-per-week', 'native-country', 'income'];
const NUMERIC = new Set(['age', 'fnlwgt', 'education-num', 'capital-gain', 'capital-loss', 'hours-per-week']);

function adultFrame(rows: number): Frame {
  const cells = readFileSync(FILE, 'utf8').split('\n').filter((l) => l.trim()).slice(0, rows).map((l) => l.split(','));
  return makeFrame(COLUMNS.map((h, j) => {
    const raw = cells.map((c) => c[j].trim());
    return NUMERIC.has(h)
      ? numericColumn(h, raw.map((v) => (v === '?' ? NaN : Number(v))), 'integer')
      : stringColumn(h, raw.map((v) => (v === '?' ? null : v)));
  }));
}

describe('TreeSHAP on adult census income', () => {
  it('adds up to the log-odds margin on 200 rows of a 100-tree model', async () => {
    const frame = adultFrame(4000);
    const res = await trainModel(frame, {
      target: 'income', family: 'gbdt', params: { trees: 100, maxDepth: 6 }, split: { kind: 'random', testFraction: 0.2, seed: 42 },
    });
    expect(res.metrics.auc).toBeGreaterThan(0.85);
    const rows = takeRows(frame, res.predictions.rows.slice(0, 200));
    // As stored and loaded by the host: plain JSON.
    const ex = explain(JSON.parse(JSON.stringify(res.artifact)), rows);
    expect(ex.space).toBe('log-odds');
    expect(ex.columns).toEqual(COLUMNS.slice(0, -1));
    const X = Pipeline.fromJSON(res.artifact.pipeline).transform(rows);
    const margin = GbdtModel.fromJSON(res.artifact.model as GbdtModelJSON).predictRaw(X.data, X.rows);
    const C = ex.columns.length;
    for (let r = 0; r < 200; r++) {
      let s = ex.base[0];
      for (let c = 0; c < C; c++) s += ex.values[r * C + c];
      expect(Math.abs(s - margin[r])).toBeLessThan(1e-9 * Math.max(1, Math.abs(margin[r])));
    }
    // Known drivers of income carry weight: relationship / marital status, capital gain, age, education.
    const meanAbs = ex.columns.map((_, c) => {
      let s = 0;
      for (let r = 0; r < 200; r++) s += Math.abs(ex.values[r * C + c]);
      return s / 200;
    });
    const top = ex.columns.filter((_, c) => meanAbs[c] >= [...meanAbs].sort((a, b) => b - a)[4]);
    expect(top.some((c) => ['relationship', 'marital-status'].includes(c))).toBe(true);
  });
});
