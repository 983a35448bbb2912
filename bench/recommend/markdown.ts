/** The recommender benchmark's table, targets and markdown report. */
import os from 'node:os';
import { machine } from '../lib/report';
import type { SplitSummary } from './split';

export interface MethodResult {
  id: string;
  label: string;
  side: 'lathe' | 'anchor';
  available: boolean;
  /** Why a method has no numbers. */
  reason?: string;
  /** What it ran with: parameters, library version, threads, rounds. */
  setup: string;
  fitSeconds?: number;
  fitRounds?: number[];
  rssBeforeMB?: number;
  peakRssMB?: number;
  /** Null where the model scores preferences, not ratings (RMSE would mean nothing). */
  rmse?: number | null;
  mae?: number | null;
  ndcg10?: number;
  precision10?: number;
  recall10?: number;
  coverage?: number;
}

export interface MemoryResult {
  model: string;
  available: boolean;
  reason?: string;
  params: Record<string, unknown>;
  interactions?: number;
  users?: number;
  items?: number;
  fitSeconds?: number;
  rssBeforeMB?: number;
  peakRssMB?: number;
}

export interface ReportInput {
  split: SplitSummary & { seed: number; testShare: number };
  evaluation: { users: number; eligible: number; k: number; relevantThreshold: number | null };
  methods: MethodResult[];
  memory: MemoryResult[];
  memoryBoundMB: number;
  threads: number;
  notes: string[];
}

const f = (v: number | null | undefined, d = 4) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(d));
const yes = (b: boolean | null) => (b === null ? 'not measured' : b ? 'met' : 'NOT met');

export function report(input: ReportInput) {
  const { methods, memory } = input;
  const torch = methods.find((m) => m.id === 'torch-mf' && m.available);
  const mf = methods.find((m) => m.id === 'mf' && m.available);
  // Fit time is judged like for like: the PyTorch MF learns ratings only, as mf does without its interaction model.
  const mfRatings = methods.find((m) => m.id === 'mf-ratings' && m.available);
  const ratio = (a?: number | null, b?: number | null) => (a != null && b != null && b > 0 ? a / b : null);
  const rows = methods.map((m) => ({
    ...m,
    rmseRatio: ratio(m.rmse, torch?.rmse),
    fitRatio: ratio(m.fitSeconds, torch?.fitSeconds),
  }));
  const growth = (r: { peakRssMB?: number; rssBeforeMB?: number }) => (r.peakRssMB !== undefined && r.rssBeforeMB !== undefined ? r.peakRssMB - r.rssBeforeMB : null);
  const targets = {
    mfRmse: mf && torch && mf.rmse != null && torch.rmse != null ? mf.rmse <= torch.rmse : null,
    mfFitTime: mfRatings && torch && mfRatings.fitSeconds !== undefined && torch.fitSeconds !== undefined ? mfRatings.fitSeconds <= torch.fitSeconds : null,
    memory: Object.fromEntries(memory.map((r) => [r.model, r.available ? (growth(r) ?? Infinity) < input.memoryBoundMB : null])),
  };
  const s = input.split;
  const e = input.evaluation;
  const md = [
    '# Recommender benchmark: Lathe vs PyTorch and scikit-learn',
    '',
    `goodbooks-10k subset (shared/datasets/goodbooks): ${s.ratings.toLocaleString('en')} ratings (1–5) of ${s.items.toLocaleString('en')} books by ` +
      `${s.users.toLocaleString('en')} users. One split for every method, written to CSV and read by Lathe and the Python anchors alike: ` +
      `the app's random split, seed ${s.seed}, testShare ${s.testShare} — each user keeps at least one rating in training and ${100 * s.testShare} % ` +
      "of a user's ratings go to test in expectation (rounded up or down at random); users with a single rating stay in training. " +
      `Train ${s.train.toLocaleString('en')}, test ${s.test.toLocaleString('en')} ratings of ${s.testUsers.toLocaleString('en')} users.`,
    '',
    `Every number below comes from models/recommend's evaluateRecommender: the anchors' predictions and ranked lists are wrapped as a ` +
      `recommender and scored by the same code. RMSE and MAE over all ${s.test.toLocaleString('en')} test ratings; nDCG, precision and recall at ${e.k} ` +
      `(binary relevance: a test rating ≥ ${e.relevantThreshold ?? '–'}; training items excluded from the lists) over ${e.users.toLocaleString('en')} users, ` +
      `a seeded sample of the ${e.eligible.toLocaleString('en')} users with a relevant test rating — the same users for every method. ` +
      `Fit time is the median of the rounds stated; memory is the fitting process's peak resident set and its growth over what it held ` +
      `after reading the data (each method fits in a process of its own). Every method runs on ${input.threads} thread(s).`,
    '',
    `| method | RMSE | MAE | nDCG@${e.k} | precision@${e.k} | recall@${e.k} | coverage | fit s | peak RSS MB (growth) | RMSE ÷ PyTorch MF | fit ÷ PyTorch MF |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((m) =>
      m.available
        ? `| ${m.label} | ${f(m.rmse)} | ${f(m.mae)} | ${f(m.ndcg10)} | ${f(m.precision10)} | ${f(m.recall10)} | ${f(m.coverage, 3)} | ${f(m.fitSeconds, 2)} | ` +
          `${f(m.peakRssMB, 0)} (${f(growth(m), 0)}) | ${f(m.rmseRatio, 3)} | ${f(m.fitRatio, 2)} |`
        : `| ${m.label} | not available: ${m.reason} | | | | | | | | | |`,
    ),
    '',
    'What each ran with:',
    '',
    ...methods.map((m) => `- ${m.label}: ${m.setup}${m.fitRounds && m.fitRounds.length > 1 ? ` (rounds: ${m.fitRounds.map((x) => x.toFixed(2)).join(', ')} s)` : ''}`),
    '',
    '## Targets',
    '',
    `- Lathe mf RMSE ≤ PyTorch MF RMSE: ${yes(targets.mfRmse)} (${f(mf?.rmse)} vs ${f(torch?.rmse)})`,
    `- Lathe mf fit time ≤ 1× PyTorch MF's, like for like (the rating model alone, as PyTorch's learns): ${yes(targets.mfFitTime)} (${f(mfRatings?.fitSeconds, 2)} s vs ${f(torch?.fitSeconds, 2)} s, ` +
      `${f(ratio(mfRatings?.fitSeconds, torch?.fitSeconds), 2)}×); the default mf, which also trains the interaction model it ranks with: ${f(mf?.fitSeconds, 2)} s, ${f(ratio(mf?.fitSeconds, torch?.fitSeconds), 2)}×`,
    ...memory.map((r) => `- ${r.model} on 1M synthetic interactions, resident memory growth during the fit < ${input.memoryBoundMB} MB: ${yes(targets.memory[r.model])}` +
      (r.available ? ` (${f(growth(r), 0)} MB)` : ` (${r.reason})`)),
    '',
    '## Memory at 1M interactions',
    '',
    'A seeded synthetic implicit data set: 1,000,000 interactions, 10 distinct items for each of 100,000 users out of 20,000 items ' +
      '(skewed towards popular items: index ⌊items · u²⌋), weights 1–5. One fit per model in a fresh process.',
    '',
    '| model | parameters | interactions | fit s | RSS before MB | peak RSS MB | growth MB |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...memory.map((r) => r.available
      ? `| ${r.model} | ${JSON.stringify(r.params)} | ${r.interactions?.toLocaleString('en')} | ${f(r.fitSeconds, 2)} | ${f(r.rssBeforeMB, 0)} | ${f(r.peakRssMB, 0)} | ${f(growth(r), 0)} |`
      : `| ${r.model} | not available: ${r.reason} | | | | | |`),
    '',
    ...input.notes.map((n) => `- ${n}`),
    '',
    `Machine: ${machine().cpus} × ${machine().cpuModel}, ${machine().memoryGiB} GiB, Node ${machine().node}; load average at the end ` +
      `${os.loadavg()[0].toFixed(2)} (the machine is shared with other work, so times are indicative).`,
  ].join('\n');
  const json = { generatedAt: new Date().toISOString(), machine: machine(), split: input.split, evaluation: e, threads: input.threads, methods: rows, memory, memoryBoundMB: input.memoryBoundMB, targetsMet: targets, notes: input.notes };
  return { markdown: md, json };
}
