/**
 * The benchmark's one split of goodbooks ratings, written as CSV files that Lathe and the Python
 * anchors all read: every method trains on the same rows and is scored on the same rows.
 *
 * Per-user random hold-out, seeded: each user with at least 2 ratings has round(testShare · n) of them
 * (at least 1, at most n − 1) drawn at random for test; users with a single rating stay in training.
 * The ranking metrics are taken over a seeded sample of at most `maxEvalUsers` test users, the same
 * users for every method.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mulberry32, shuffleInPlace } from '../../models/split/prng';

export const GOODBOOKS = path.resolve(import.meta.dirname, '../../../shared/datasets/goodbooks/ratings.csv');

export interface Rating { user: number; item: number; rating: number }
export interface BenchSplit {
  train: Rating[];
  test: Rating[];
  /** Users the ranking metrics are drawn over (ids), in file order. */
  evalUsers: number[];
  files: { train: string; test: string; evalUsers: string };
  users: number;
  testUsers: number;
}

export function readRatings(file = GOODBOOKS): Rating[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const out: Rating[] = [];
  for (let k = 1; k < lines.length; k++) {
    if (!lines[k]) continue;
    const [u, b, r] = lines[k].split(',');
    out.push({ user: Number(u), item: Number(b), rating: Number(r) });
  }
  return out;
}

const toCsv = (rows: Rating[]) => 'user_id,book_id,rating\n' + rows.map((r) => `${r.user},${r.item},${r.rating}`).join('\n') + '\n';

export function splitRatings(ratings: Rating[], opts: { testShare: number; seed: number; maxEvalUsers: number; dir: string }): BenchSplit {
  const rand = mulberry32(opts.seed);
  const byUser = new Map<number, number[]>();
  ratings.forEach((r, k) => {
    const list = byUser.get(r.user);
    if (list) list.push(k);
    else byUser.set(r.user, [k]);
  });
  const isTest = new Uint8Array(ratings.length);
  const testUsers: number[] = [];
  for (const [user, rows] of [...byUser].sort((a, b) => a[0] - b[0])) {
    if (rows.length < 2) continue;
    const held = Math.min(rows.length - 1, Math.max(1, Math.round(opts.testShare * rows.length)));
    const order = shuffleInPlace(Int32Array.from(rows), rand);
    for (let j = 0; j < held; j++) isTest[order[j]] = 1;
    testUsers.push(user);
  }
  const train = ratings.filter((_, k) => !isTest[k]);
  const test = ratings.filter((_, k) => isTest[k]);
  const sample = shuffleInPlace(Int32Array.from(testUsers), rand).slice(0, opts.maxEvalUsers);
  const evalUsers = Array.from(sample).sort((a, b) => a - b);
  const files = { train: path.join(opts.dir, 'train.csv'), test: path.join(opts.dir, 'test.csv'), evalUsers: path.join(opts.dir, 'eval_users.txt') };
  writeFileSync(files.train, toCsv(train));
  writeFileSync(files.test, toCsv(test));
  writeFileSync(files.evalUsers, evalUsers.join('\n') + '\n');
  return { train, test, evalUsers, files, users: byUser.size, testUsers: testUsers.length };
}
