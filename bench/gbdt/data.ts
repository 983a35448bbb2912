/**
 * Data sets of the GBDT benchmark, prepared exactly as the benchmark feeds
 * them to both trainers: split with our split code, tree-mode pipeline fitted
 * on the training rows, float32 row-major matrices (NaN = missing, category
 * codes for categoricals).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeFrame, numericColumn, stringColumn, Frame, getColumn, numericValues, stringValues, takeRows } from '../../models/frame/frame';
import { randomSplit } from '../../models/split/split';
import { fitPipeline } from '../../models/pipeline/pipeline';
import { mulberry32 } from '../../models/split/prng';

const root = path.resolve(import.meta.dirname, '..', '..');

export interface Problem {
  name: string;
  task: 'regression' | 'binary';
  source: string;
  featureNames: string[];
  categoryCounts: number[];
  train: { X: Float32Array; nRows: number; y: Float64Array };
  test: { X: Float32Array; nRows: number; y: Float64Array };
  nCols: number;
}

function parseCsvFrame(lines: string[], names: string[], sep: string, categorical: Set<string>, missing: string): Frame {
  const cells = lines.map((l) => l.split(sep));
  return makeFrame(names.map((h, j) =>
    categorical.has(h)
      ? stringColumn(h, cells.map((c) => (c[j] === undefined || c[j] === '' || c[j] === missing ? null : c[j])))
      : numericColumn(h, cells.map((c) => (c[j] === undefined || c[j] === '' || c[j] === missing ? NaN : Number(c[j])))),
  ));
}

function prepare(
  name: string, task: Problem['task'], source: string, trainFrame: Frame, testFrame: Frame, target: string,
  encode: (v: Frame) => Float64Array,
): Problem {
  const features = trainFrame.columns.map((c) => c.name).filter((n) => n !== target);
  const all = Uint32Array.from({ length: trainFrame.rowCount }, (_, i) => i);
  const pipe = fitPipeline(trainFrame, all, features, { treeMode: true });
  const tr = pipe.transform(trainFrame);
  const te = pipe.transform(testFrame);
  return {
    name, task, source, featureNames: pipe.featureNames, categoryCounts: pipe.categoryCounts, nCols: tr.cols,
    train: { X: tr.data, nRows: tr.rows, y: encode(trainFrame) },
    test: { X: te.data, nRows: te.rows, y: encode(testFrame) },
  };
}

export function housing(): Problem {
  const file = path.join(root, 'resources/samples/california_housing/housing.csv');
  const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const frame = parseCsvFrame(lines.slice(1), header, ',', new Set(['ocean_proximity']), '');
  const { train, test } = randomSplit(frame.rowCount, 0.2, 42);
  const target = 'median_house_value';
  const y = (f: Frame) => Float64Array.from(numericValues(getColumn(f, target)));
  return prepare('california_housing', 'regression', `${path.relative(root, file)}, 80/20 random split seed 42`, takeRows(frame, train), takeRows(frame, test), target, y);
}

const ADULT_COLUMNS = [
  'age', 'workclass', 'fnlwgt', 'education', 'education-num', 'marital-status', 'occupation', 'relationship',
  'race', 'sex', 'capital-gain', 'capital-loss', 'hours-per-week', 'native-country', 'income',
];
const ADULT_CATEGORICAL = new Set(['workclass', 'education', 'marital-status', 'occupation', 'relationship', 'race', 'sex', 'native-country', 'income']);

export function adult(): Problem {
  const dir = path.join(root, 'resources/samples/adult');
  const load = (file: string) => {
    const lines = readFileSync(path.join(dir, file), 'utf8').split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('|'))
      // Test labels carry a trailing '.' (">50K.").
      .map((l) => l.replace(/\.$/, ''));
    return parseCsvFrame(lines, ADULT_COLUMNS, ', ', ADULT_CATEGORICAL, '?');
  };
  const y = (f: Frame) => Float64Array.from(stringValues(getColumn(f, 'income')), (v) => (v === '>50K' ? 1 : 0));
  return prepare('adult', 'binary', 'resources/samples/adult official split (adult-train.csv / adult-test.csv)', load('adult-train.csv'), load('adult-test.csv'), 'income', y);
}

export function synthetic(n: number): Problem {
  const p = 20;
  const rand = mulberry32(1);
  const make = (rows: number) => {
    const X = new Float32Array(rows * p);
    const y = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      let s = 0;
      for (let j = 0; j < p; j++) {
        const v = rand();
        X[r * p + j] = v;
        if (j < 5) s += Math.sin(6 * v) * (j + 1);
      }
      y[r] = s + 0.1 * rand();
    }
    return { X, nRows: rows, y };
  };
  return {
    name: `synthetic_${n}`, task: 'regression', source: `${n} rows x ${p} uniform features, y = sum sin(6x) (seed 1)`,
    featureNames: Array.from({ length: p }, (_, j) => `x${j}`), categoryCounts: new Array(p).fill(0), nCols: p,
    train: make(n), test: make(Math.round(n / 4)),
  };
}

