/**
 * Holding out interactions to score on. Train and test share the users/items index space; test may
 * reach users or items that training never saw (cold), marked in `coldUsers` / `coldItems`.
 * - random: each user keeps at least one interaction in training; of the rest a testShare of the user's
 *   interactions goes to test (rounded up or down at random so the expected share is exact), seeded;
 * - last: each user's lastN most recent interactions (time ties: the later row), never the user's only one;
 * - time: everything after tMin + (1 − testShare)·(tMax − tMin) goes to test (rows without a time stay in training).
 */
import { RECOMMEND_DEFAULTS, type RecommendSplit } from '../../shared/families/recommend';
import { mulberry32 } from '../split/prng';
import { subsetInteractions, userRows } from './ranking';
import type { Interactions } from './types';

export interface SplitOptions {
  split: Exclude<RecommendSplit, 'test'>;
  testShare?: number;
  lastN?: number;
  /** Seed of the random split (0 when not given). */
  seed?: number;
}

export interface InteractionSplit {
  train: Interactions;
  test: Interactions;
  /** 1 for a user / item with no interaction in training, by index. */
  coldUsers: Uint8Array;
  coldItems: Uint8Array;
}

export function splitInteractions(all: Interactions, options: SplitOptions): InteractionSplit {
  const testShare = options.testShare ?? RECOMMEND_DEFAULTS.testShare;
  if (!(testShare > 0 && testShare < 1)) throw new Error(`testShare must be between 0 and 1, not ${testShare}`);
  const isTest =
    options.split === 'random'
      ? randomTest(all, testShare, options.seed ?? 0)
      : options.split === 'last'
        ? lastTest(all, options.lastN ?? RECOMMEND_DEFAULTS.lastN)
        : timeTest(all, testShare);
  return splitBy(all, isTest);
}

/** Train and test from a 0/1 flag per interaction, with the cold users and items of test marked. */
export function splitBy(all: Interactions, isTest: Uint8Array): InteractionSplit {
  const trainRows: number[] = [];
  const testRows: number[] = [];
  for (let r = 0; r < isTest.length; r++) (isTest[r] ? testRows : trainRows).push(r);
  const train = subsetInteractions(all, trainRows);
  const test = subsetInteractions(all, testRows);
  return { train, test, ...coldOf(train, test) };
}

/** Users and items of `test` that `train` never saw. */
export function coldOf(train: Interactions, test: Interactions): { coldUsers: Uint8Array; coldItems: Uint8Array } {
  const seenU = new Uint8Array(train.users.length);
  const seenI = new Uint8Array(train.items.length);
  for (let r = 0; r < train.user.length; r++) {
    seenU[train.user[r]] = 1;
    seenI[train.item[r]] = 1;
  }
  const coldUsers = new Uint8Array(test.users.length);
  const coldItems = new Uint8Array(test.items.length);
  for (let r = 0; r < test.user.length; r++) {
    if (!seenU[test.user[r]]) coldUsers[test.user[r]] = 1;
    if (!seenI[test.item[r]]) coldItems[test.item[r]] = 1;
  }
  return { coldUsers, coldItems };
}

function randomTest(all: Interactions, share: number, seed: number): Uint8Array {
  const rand = mulberry32(seed);
  const rows = userRows(all);
  const isTest = new Uint8Array(all.user.length);
  for (let u = 0; u < all.users.length; u++) {
    const from = rows.start[u];
    const n = rows.start[u + 1] - from;
    const nTest = Math.min(n - 1, Math.floor(n * share + rand()));
    // A partial Fisher–Yates over this user's rows picks nTest of them.
    const at = rows.at.slice(from, from + n);
    for (let k = 0; k < nTest; k++) {
      const j = k + Math.floor(rand() * (n - k));
      const t = at[k];
      at[k] = at[j];
      at[j] = t;
      isTest[at[k]] = 1;
    }
  }
  return isTest;
}

function needTime(all: Interactions, split: string): Float64Array {
  if (!all.time) throw new Error(`the '${split}' split needs a time column`);
  return all.time;
}

function lastTest(all: Interactions, lastN: number): Uint8Array {
  const time = needTime(all, 'last');
  const rows = userRows(all);
  const isTest = new Uint8Array(all.user.length);
  for (let u = 0; u < all.users.length; u++) {
    const at = Array.from(rows.at.subarray(rows.start[u], rows.start[u + 1]));
    const key = (r: number) => (Number.isNaN(time[r]) ? -Infinity : time[r]);
    at.sort((a, b) => key(a) - key(b) || a - b);
    const nTest = Math.min(lastN, at.length - 1);
    for (let k = at.length - nTest; k < at.length; k++) isTest[at[k]] = 1;
  }
  return isTest;
}

function timeTest(all: Interactions, share: number): Uint8Array {
  const time = needTime(all, 'time');
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of time) {
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  if (!(hi > lo)) throw new Error('the time split needs interactions at more than one time');
  const cut = lo + (1 - share) * (hi - lo);
  const isTest = new Uint8Array(all.user.length);
  for (let r = 0; r < time.length; r++) if (time[r] > cut) isTest[r] = 1;
  return isTest;
}
