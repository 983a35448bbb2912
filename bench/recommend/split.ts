/**
 * The benchmark's one split of goodbooks ratings, written as CSV files that Lathe and the Python
 * anchors all read: every method trains on the same rows and is scored on the same rows.
 *
 * It is the app's own random split (models/recommend/split.ts), seeded: each user keeps at least one
 * rating in training and of the rest a testShare of the user's ratings goes to test (rounded up or down
 * at random so that the expected share is exact); users with a single rating stay in training, so every
 * test user has at least 2 ratings.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildInteractions } from '../../models/recommend/data';
import { splitInteractions } from '../../models/recommend/split';
import type { Interactions } from '../../models/recommend/types';

export const GOODBOOKS = path.resolve(import.meta.dirname, '../../../shared/datasets/goodbooks/ratings.csv');

export interface SplitFiles {
  train: string;
  test: string;
  /** Users the ranking metrics are drawn over (ids, one a line), written by the harness. */
  evalUsers: string;
}

/** A user_id,book_id,rating file as Lathe's interactions; `ids` maps it onto a training index space. */
export function readInteractions(file: string, ids?: Pick<Interactions, 'users' | 'items'>): Interactions {
  const lines = readFileSync(file, 'utf8').split('\n');
  const user: string[] = [];
  const item: string[] = [];
  const rating: string[] = [];
  for (let k = 1; k < lines.length; k++) {
    if (!lines[k]) continue;
    const [u, b, r] = lines[k].split(',');
    user.push(u);
    item.push(b);
    rating.push(r);
  }
  return buildInteractions(
    { user: { name: 'user_id', values: user }, item: { name: 'book_id', values: item }, rating: { name: 'rating', values: rating } },
    ids ? { users: ids.users, items: ids.items } : {},
  ).interactions;
}

function toCsv(data: Interactions): string {
  const rows = ['user_id,book_id,rating'];
  for (let r = 0; r < data.user.length; r++) rows.push(`${data.users[data.user[r]]},${data.items[data.item[r]]},${data.value[r]}`);
  return rows.join('\n') + '\n';
}

export interface SplitSummary {
  ratings: number;
  users: number;
  items: number;
  train: number;
  test: number;
  testUsers: number;
}

/** Splits the ratings file and writes train.csv and test.csv into `dir`. */
export function writeSplit(ratingsFile: string, dir: string, testShare: number, seed: number): { files: SplitFiles; summary: SplitSummary } {
  const all = readInteractions(ratingsFile);
  const { train, test } = splitInteractions(all, { split: 'random', testShare, seed });
  const files = { train: path.join(dir, 'train.csv'), test: path.join(dir, 'test.csv'), evalUsers: path.join(dir, 'eval_users.txt') };
  writeFileSync(files.train, toCsv(train));
  writeFileSync(files.test, toCsv(test));
  const testUsers = new Set(test.user).size;
  return { files, summary: { ratings: all.user.length, users: all.users.length, items: all.items.length, train: train.user.length, test: test.user.length, testUsers } };
}

/** Both sides of a written split, the test mapped onto the training indices. */
export function readSplit(files: SplitFiles): { train: Interactions; test: Interactions } {
  const train = readInteractions(files.train);
  return { train, test: readInteractions(files.test, train) };
}
