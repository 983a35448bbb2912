/**
 * The three bench/nn workloads as flat float32 arrays, written once to a folder so that Lathe and the
 * PyTorch anchor train on the very same numbers:
 *  - mlp: the California housing sample's 20 features (8 numeric columns, 5 ocean-proximity levels, 6
 *    ratios and logs, a missing-bedrooms flag; standardised) → median house value in units of 100k;
 *  - lstm: windows of 30 steps of a seeded noisy seasonal series → the next value;
 *  - text: 64 token ids per row (0 pads), vocabulary 30,000 (textnet's default) → one of 2 classes (one-hot).
 */
import fs from 'node:fs';
import path from 'node:path';
import { mulberry32 } from '../../models/split/prng';

export interface Workload {
  rows: number;
  xShape: number[];
  yShape: number[];
  x: Float32Array;
  y: Float32Array;
}

export const TEXT_VOCABULARY = 30_000;
export const TEXT_LENGTH = 64;
export const LSTM_STEPS = 30;

const housingCsv = path.resolve(import.meta.dirname, '../../resources/samples/california_housing/housing.csv');

export function housing(): Workload {
  const lines = fs.readFileSync(housingCsv, 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const col = (name: string) => header.indexOf(name);
  const levels = ['<1H OCEAN', 'INLAND', 'ISLAND', 'NEAR BAY', 'NEAR OCEAN'];
  const rows = lines.length - 1, F = 20;
  const x = new Float32Array(rows * F), y = new Float32Array(rows);
  const numeric = ['longitude', 'latitude', 'housing_median_age', 'total_rooms', 'total_bedrooms', 'population', 'households', 'median_income'].map(col);
  for (let r = 0; r < rows; r++) {
    const cells = lines[r + 1].split(',');
    const v = numeric.map((c) => (cells[c] === '' ? NaN : Number(cells[c])));
    const missing = Number.isNaN(v[4]);
    if (missing) v[4] = v[3] * 0.2;
    const [, , , rooms, beds, pop, hh, income] = v;
    const feats = [...v, ...levels.map((l) => (cells[col('ocean_proximity')] === l ? 1 : 0)),
      rooms / hh, beds / rooms, pop / hh, Math.log1p(pop), Math.log1p(rooms), Math.log1p(income), missing ? 1 : 0];
    x.set(feats, r * F);
    y[r] = Number(cells[col('median_house_value')]) / 100_000;
  }
  standardise(x, rows, F);
  return { rows, xShape: [F], yShape: [1], x, y };
}

function standardise(x: Float32Array, rows: number, F: number): void {
  for (let f = 0; f < F; f++) {
    let s = 0, ss = 0;
    for (let r = 0; r < rows; r++) s += x[r * F + f];
    const mean = s / rows;
    for (let r = 0; r < rows; r++) ss += (x[r * F + f] - mean) ** 2;
    const sd = Math.sqrt(ss / rows) || 1;
    for (let r = 0; r < rows; r++) x[r * F + f] = (x[r * F + f] - mean) / sd;
  }
}

export function windows(rows = 8192, seed = 7): Workload {
  const next = mulberry32(seed), n = rows + LSTM_STEPS;
  const series = Float32Array.from({ length: n }, (_, t) => Math.sin((2 * Math.PI * t) / 24) + 0.5 * Math.sin((2 * Math.PI * t) / 168) + 0.2 * (next() - 0.5));
  const x = new Float32Array(rows * LSTM_STEPS), y = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    x.set(series.subarray(r, r + LSTM_STEPS), r * LSTM_STEPS);
    y[r] = series[r + LSTM_STEPS];
  }
  return { rows, xShape: [LSTM_STEPS, 1], yShape: [1], x, y };
}

/** Token rows of 8–64 ids; a few ids lean towards one class so there is something to learn. */
export function tokens(rows = 16_384, seed = 11): Workload {
  const next = mulberry32(seed);
  const x = new Float32Array(rows * TEXT_LENGTH), y = new Float32Array(rows * 2);
  for (let r = 0; r < rows; r++) {
    const label = next() < 0.5 ? 0 : 1, len = 8 + Math.floor(next() * (TEXT_LENGTH - 8));
    for (let t = 0; t < len; t++) {
      const id = next() < 0.1 ? 1 + label * 100 + Math.floor(next() * 100) : 1 + Math.floor(next() * (TEXT_VOCABULARY - 1));
      x[r * TEXT_LENGTH + t] = id;
    }
    y[r * 2 + label] = 1;
  }
  return { rows, xShape: [TEXT_LENGTH], yShape: [2], x, y };
}

/** Writes `<name>.x.f32` / `<name>.y.f32` (little-endian float32, row-major) for the anchor. */
export function writeWorkload(dir: string, name: string, w: Workload): void {
  fs.writeFileSync(path.join(dir, `${name}.x.f32`), Buffer.from(w.x.buffer, w.x.byteOffset, w.x.byteLength));
  fs.writeFileSync(path.join(dir, `${name}.y.f32`), Buffer.from(w.y.buffer, w.y.byteOffset, w.y.byteLength));
}
