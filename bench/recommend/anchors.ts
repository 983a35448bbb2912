/**
 * The Python anchors' side of the benchmark: runs a script on the written split and turns what it
 * prints (predictions for the test rows, ranked lists for the evaluated users) into a Recommender, so
 * that the anchors are scored by the very evaluateRecommender that scores Lathe's models.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { mapIds } from '../../models/recommend/data';
import type { Interactions, Recommender } from '../../models/recommend/types';
import type { SplitFiles } from './split';

export interface AnchorOutput {
  version: string;
  threads: number;
  fitSeconds: number;
  rssBeforeMB: number;
  peakRssMB: number;
  /** One per row of test.csv, in file order. */
  predictions: number[];
  /** Item ids, best first, one list per line of eval_users.txt. */
  top: number[][];
}

export interface AnchorJob {
  script: string;
  files: SplitFiles;
  /** Length of the ranked lists. */
  k: number;
  rounds: number;
  threads: number;
  seed: number;
  batchSize?: number;
  params: Record<string, unknown>;
}

/** Runs one anchor script; BLAS and OpenMP are held to `threads` as torch is. */
export function runAnchor(python: string, job: AnchorJob, dir: string): AnchorOutput {
  const file = path.join(dir, `${path.basename(job.script, '.py')}.json`);
  const { script, files, ...rest } = job;
  writeFileSync(file, JSON.stringify({ ...rest, train: files.train, test: files.test, evalUsers: files.evalUsers }));
  const t = String(job.threads);
  const env = { ...process.env, OMP_NUM_THREADS: t, OPENBLAS_NUM_THREADS: t, MKL_NUM_THREADS: t };
  const r = spawnSync(python, [path.join(import.meta.dirname, script), file], { encoding: 'utf8', env, maxBuffer: 256 << 20 });
  if (r.status !== 0) throw new Error(`${script} failed (${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as AnchorOutput;
}

/**
 * A Recommender that answers from an anchor's output: predict() gives its prediction for a test pair,
 * scoreAll() scores its ranked list (rank order) and leaves every other item out (NaN), so the list
 * ranked is exactly the anchor's.
 */
export function anchorRecommender(out: AnchorOutput, testRows: { user: string[]; item: string[] }, evalUsers: string[], train: Interactions): Recommender {
  const users = mapIds(train.users);
  const items = mapIds(train.items);
  const nItems = train.items.length;
  const prediction = new Map<number, number>();
  testRows.user.forEach((u, r) => prediction.set(users.get(u)! * nItems + items.get(testRows.item[r])!, out.predictions[r]));
  const lists = new Map<number, number[]>();
  evalUsers.forEach((u, k) => lists.set(users.get(u)!, out.top[k].map((id) => items.get(String(id))!)));
  return {
    model: 'mf',
    users: train.users,
    items: train.items,
    predict(user, item) {
      const p = prediction.get(user * nItems + item);
      if (p === undefined) throw new Error(`the anchor gave no prediction for (${train.users[user]}, ${train.items[item]})`);
      return p;
    },
    scoreAll(user, scores = new Float32Array(nItems)) {
      const list = lists.get(user);
      if (!list) throw new Error(`the anchor ranked nothing for user ${train.users[user]}`);
      scores.fill(NaN);
      list.forEach((i, rank) => (scores[i] = list.length - rank));
      return scores;
    },
    toJSON() {
      throw new Error('an anchor is not saved');
    },
  };
}
