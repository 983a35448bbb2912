/**
 * Recommender benchmark on goodbooks ratings: Lathe's popularity, item-knn, mf, als, hybrid and ncf
 * against two Python anchors — scikit-learn's TruncatedSVD of the user-centred rating matrix (the usual
 * first approach) and a PyTorch biased MF trained like Lathe's mf (Debian python3-sklearn, python3-torch)
 * — all on one seeded split written to CSV, all scored by models/recommend's evaluateRecommender (see
 * anchors.ts). Then a memory check: mf and als fitted on 1M synthetic implicit interactions.
 *
 * Every Lathe model fits in a process of its own (lathe-child.ts) so that its peak memory is its own.
 *
 * Usage: npm run bench:recommend [-- --rounds 3 --ncf-epochs 2 --methods mf,als --no-memory --memory-defaults]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { evaluateRecommender, type RecommendEvaluation } from '../../models/recommend/metrics';
import type { Recommender } from '../../models/recommend/types';
import { RECOMMEND_DEFAULTS, recommendDefaults, type RecommendModelId } from '../../shared/families/recommend';
import { findPython } from '../lib/python';
import { writeReport } from '../lib/report';
import { anchorRecommender, runAnchor, type AnchorOutput } from './anchors';
import { report, type MemoryResult, type MethodResult } from './markdown';
import { GOODBOOKS, readSplit, writeSplit } from './split';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const ROUNDS = Number(flag('--rounds') ?? 3);
const NCF_EPOCHS = Number(flag('--ncf-epochs') ?? 2);
const LATHE: RecommendModelId[] = (flag('--methods') ?? 'popularity,item-knn,mf,als,hybrid,ncf').split(',') as RecommendModelId[];
const MEMORY = !args.includes('--no-memory');
const MEMORY_N = 1_000_000;
const MEMORY_BOUND_MB = 256;
/**
 * Over the defaults in the memory check: als at 3 of its 15 iterations, as each iteration reuses the
 * same buffers (memory does not grow with them) and the full run takes minutes (--memory-defaults runs it).
 */
const MEMORY_GIVEN: Record<'mf' | 'als', Record<string, unknown>> = args.includes('--memory-defaults') ? { mf: {}, als: {} } : { mf: {}, als: { iterations: 3 } };
const SEED = 2024;
/** Lathe's models run on Node's one JavaScript thread; the anchors are held to the same. */
const THREADS = 1;
/** Interactions per PyTorch step: large enough to be quick, small enough that steps stay per-rating-like. */
const TORCH_BATCH = 1024;
/** Models whose predict() is a preference score, not a rating: their RMSE would mean nothing. */
const SCORES_NOT_RATINGS = new Set<string>(['als']);
/** Fits slow enough that one round is timed. */
const ONE_ROUND = new Set<string>(['als', 'hybrid', 'ncf']);
const { k: K, maxK: MAX_K } = RECOMMEND_DEFAULTS;
const here = import.meta.dirname;

const sklearnPy = findPython(['sklearn', 'scipy', 'numpy']);
const torchPy = findPython(['torch', 'numpy']);
if (!sklearnPy || !torchPy) {
  const missing = [!sklearnPy && 'scikit-learn (apt-get install -y python3-sklearn)', !torchPy && 'PyTorch (apt-get install -y python3-torch)'].filter(Boolean);
  console.error(`The Python anchors need ${missing.join(' and ')}; or set LATHE_PYTHON to a python3 that can import them.`);
  process.exit(1);
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'lathe-recommend-bench-'));
try {
  // ---------------------------------------------------------------- one split for everyone
  const { files, summary } = writeSplit(GOODBOOKS, dir, RECOMMEND_DEFAULTS.testShare, SEED);
  const { train, test } = readSplit(files);
  // The users evaluateRecommender ranks depend only on the split and the seed: ask it once with a
  // model that scores nothing, and have the anchors rank exactly those users.
  const blank: Recommender = {
    model: 'popularity', users: train.users, items: train.items,
    predict: () => 0, scoreAll: (_u, out = new Float32Array(train.items.length)) => out.fill(0),
    toJSON: () => { throw new Error('not saved'); },
  };
  const probe = evaluateRecommender(blank, train, test, { seed: SEED, k: K, maxK: MAX_K });
  const evalUsers = probe.perUser.user.map((u) => train.users[u]);
  writeFileSync(files.evalUsers, evalUsers.join('\n') + '\n');
  const testRows = { user: Array.from(test.user, (u) => test.users[u]), item: Array.from(test.item, (i) => test.items[i]) };
  console.log(`split: ${summary.train} train, ${summary.test} test ratings; ranking over ${evalUsers.length} of ${probe.sample.eligible} users`);

  const headline = (e: Omit<RecommendEvaluation, 'perUser'>, ratings: boolean) => ({
    rmse: ratings ? e.all.rating?.rmse ?? null : null,
    mae: ratings ? e.all.rating?.mae ?? null : null,
    ndcg10: e.all.ranking?.ndcg[K - 1],
    precision10: e.all.ranking?.precision[K - 1],
    recall10: e.all.ranking?.recall[K - 1],
    coverage: e.coverage,
  });
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor((a.length - 1) / 2)];
  const methods: MethodResult[] = [];

  // ---------------------------------------------------------------- anchors
  const mfDefaults = recommendDefaults('mf');
  const anchors: { id: string; label: string; python: string; script: string; params: Record<string, unknown>; batchSize?: number; setup: (o: AnchorOutput) => string }[] = [
    {
      id: 'sklearn-svd', label: 'scikit-learn TruncatedSVD', python: sklearnPy, script: 'sklearn_svd.py',
      params: { components: mfDefaults.factors },
      setup: (o) => `${o.version}, ${mfDefaults.factors} components (Lathe mf's factors), randomized, user-mean centred, ${o.threads} BLAS thread(s)`,
    },
    {
      id: 'torch-mf', label: 'PyTorch biased MF', python: torchPy, script: 'torch_mf.py', params: mfDefaults, batchSize: TORCH_BATCH,
      setup: (o) => `${o.version}, Lathe mf's defaults ${JSON.stringify(mfDefaults)}, plain SGD on the per-rating loss summed over batches of ` +
        `${TORCH_BATCH}, sparse embedding gradients, torch.set_num_threads(${o.threads})`,
    },
  ];
  for (const a of anchors) {
    console.log(`${a.label}…`);
    const out = runAnchor(a.python, { script: a.script, files, k: MAX_K, rounds: ROUNDS, threads: THREADS, seed: SEED, batchSize: a.batchSize, params: a.params }, dir);
    const e = evaluateRecommender(anchorRecommender(out, testRows, evalUsers, train), train, test, { seed: SEED, k: K, maxK: MAX_K });
    methods.push({ id: a.id, label: a.label, side: 'anchor', available: true, setup: `${a.setup(out)}; ${ROUNDS} round(s)`, fitSeconds: out.fitSeconds, rssBeforeMB: out.rssBeforeMB, peakRssMB: out.peakRssMB, ...headline(e, true) });
  }

  // ---------------------------------------------------------------- Lathe, one process per model
  const child = (script: string, argv: string[]) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, script), ...argv], { encoding: 'utf8', maxBuffer: 256 << 20 });
    if (r.status !== 0) throw new Error(`${script} ${argv[0]} failed (${r.status}):\n${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').at(-1)!);
  };
  // 'mf' is the default (ratings + the interaction model it ranks with); the rating model alone is the
  // like-for-like of the PyTorch MF, which learns ratings only.
  type Variant = { id: string; model: RecommendModelId; params: Record<string, unknown> };
  const variants = LATHE.flatMap((model): Variant[] =>
    model === 'mf'
      ? [{ id: 'mf', model, params: {} }, { id: 'mf-ratings', model, params: { interactionFactors: 0 } }]
      : [{ id: model, model, params: model === 'ncf' ? { epochs: NCF_EPOCHS } : {} }],
  );
  for (const { id, model, params } of variants) {
    console.log(`Lathe ${id}…`);
    const rounds = ONE_ROUND.has(model) ? 1 : ROUNDS;
    const out = child('lathe-child.ts', [JSON.stringify({ model, train: files.train, test: files.test, rounds, seed: SEED, params, k: K, maxK: MAX_K })]);
    const label = id === 'mf-ratings' ? 'Lathe mf, ratings only' : `Lathe ${model}`;
    const given = Object.keys(params).length ? `, ${JSON.stringify(params)} over the defaults` : '';
    const setup = `defaults ${JSON.stringify(recommendDefaults(model))}${given}; seed ${SEED}; ${rounds} round(s)${out.backend ? `; TF.js backend ${out.backend}` : ''}`;
    if (!out.available) {
      methods.push({ id, label, side: 'lathe', available: false, reason: out.reason, setup });
      continue;
    }
    if ((out.evaluatedUsers as string[]).join() !== evalUsers.join()) throw new Error(`Lathe ${model} was ranked over other users than the anchors`);
    methods.push({
      id, label, side: 'lathe', available: true, setup, fitSeconds: median(out.fitSeconds), fitRounds: out.fitSeconds,
      rssBeforeMB: out.rssBeforeMB, peakRssMB: out.peakRssMB, ...headline(out.evaluation, !SCORES_NOT_RATINGS.has(model)),
    });
  }

  // ---------------------------------------------------------------- memory at 1M interactions
  const memory: MemoryResult[] = [];
  if (MEMORY)
    for (const model of ['mf', 'als'] as const) {
      console.log(`memory check: ${model} on ${MEMORY_N} synthetic interactions…`);
      const given = MEMORY_GIVEN[model];
      const out = child('memory-child.ts', [model, String(MEMORY_N), String(SEED), JSON.stringify(given)]);
      memory.push({ ...out, model, params: { ...recommendDefaults(model), ...given } });
    }

  const notes = [
    'ALS learns implicit preferences (1 + α·rating as confidence), so its predict() is a score, not a rating: RMSE and MAE are left out for it.',
    ...(MEMORY_GIVEN.als.iterations ? [`The memory check fits als with ${String(MEMORY_GIVEN.als.iterations)} iterations instead of ${recommendDefaults('als').iterations} (time grows with iterations, memory does not); --memory-defaults runs all.`] : []),
    `ncf runs ${NCF_EPOCHS} epoch(s) instead of its default ${recommendDefaults('ncf').epochs}, to keep the benchmark short.`,
    'The anchors clip predicted ratings to the training scale, as Lathe\'s mf does; their ranked lists use the unclipped scores.',
    `Fit times are the median of ${ROUNDS} rounds per method (one round for ${[...ONE_ROUND].join(', ')}), each method's rounds in a row.`,
  ];
  const { markdown, json } = report({
    split: { ...summary, seed: SEED, testShare: RECOMMEND_DEFAULTS.testShare },
    evaluation: { users: evalUsers.length, eligible: probe.sample.eligible, k: K, relevantThreshold: probe.relevantThreshold },
    methods, memory, memoryBoundMB: MEMORY_BOUND_MB, threads: THREADS, notes,
  });
  writeReport('recommend', json, markdown);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
