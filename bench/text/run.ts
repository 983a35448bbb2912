/**
 * Sentiment benchmark: 10-fold cross-validation on the UCI sentiment labelled sentences (yelp, amazon;
 * 1,000 sentences each), the same seeded folds for every method. Lathe's lexicon (no training: scored on
 * each test fold), linear, nbsvm and textnet with their default parameters (C tuned by inner 5-fold CV
 * inside each training fold) against scikit-learn's CountVectorizer + LogisticRegression and
 * TfidfVectorizer + LinearSVC (Debian python3-sklearn) on the same folds. Reported: mean accuracy with a
 * 95 % t-interval over the folds, mean fit time per fold (vectorizer and model, tuning included), and
 * each method's accuracy and time against scikit-learn's best on that file.
 *
 * Usage: npm run bench:text [-- --folds 10 --methods linear,nbsvm]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { kFold } from '../../models/split/split';
import { fitTextClassifier, lexiconSentiment, type TextFamily } from '../../models/text/index';
import { findPython } from '../lib/python';
import { machine, writeReport } from '../lib/report';
import { FILES, loadSentiment, type SentimentFile } from './data';
import { meanInterval } from './stats';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const K = Number(flag('--folds') ?? 10);
const SEED = 2024;
const METHODS = (flag('--methods') ?? 'lexicon,linear,nbsvm,textnet').split(',');
const TARGET_TRAINED = 0.83;
const TARGET_LEXICON = 0.72;

const python = findPython(['sklearn', 'numpy']);
if (!python) {
  console.error('scikit-learn for Python is missing. Install it with:\n  apt-get install -y python3-sklearn\n(or set LATHE_PYTHON to a python3 that can import sklearn)');
  process.exit(1);
}

interface FoldResult { accuracy: number; fitSeconds: number }
interface MethodSummary { method: string; folds: FoldResult[]; accuracy: { mean: number; lo: number; hi: number }; fitSeconds: number }

function sklearnRun(data: SentimentFile, folds: { train: Uint32Array; test: Uint32Array }[]): { version: string; models: Record<string, FoldResult[]> } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lathe-text-bench-'));
  try {
    const job = path.join(dir, 'job.json');
    writeFileSync(job, JSON.stringify({ texts: data.texts, labels: data.labels, folds: folds.map((f) => ({ train: Array.from(f.train), test: Array.from(f.test) })) }));
    const r = spawnSync(python!, [path.join(import.meta.dirname, 'sklearn_cv.py'), job], { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(`sklearn_cv.py failed: ${r.stderr}`);
    const out = JSON.parse(r.stdout) as { sklearn: string; models: Record<string, FoldResult[]> };
    return { version: out.sklearn, models: out.models };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function latheFold(method: string, data: SentimentFile, train: number[], test: number[]): Promise<FoldResult> {
  const testTexts = test.map((i) => data.texts[i]);
  const truth = test.map((i) => data.labels[i]);
  if (method === 'lexicon') {
    // No training: positive when the compound score reaches VADER's +0.05, else negative.
    const pred = testTexts.map((t) => (lexiconSentiment(t).label === 'positive' ? '1' : '0'));
    return { accuracy: pred.filter((p, i) => p === truth[i]).length / test.length, fitSeconds: 0 };
  }
  const t0 = performance.now();
  const model = await fitTextClassifier(method as TextFamily, train.map((i) => data.texts[i]), train.map((i) => data.labels[i]));
  const fitSeconds = (performance.now() - t0) / 1000;
  const pred = model.predict(testTexts);
  (model as { dispose?: () => void }).dispose?.();
  return { accuracy: pred.filter((p, i) => p === truth[i]).length / test.length, fitSeconds };
}

function summarize(method: string, folds: FoldResult[]): MethodSummary {
  return { method, folds, accuracy: meanInterval(folds.map((f) => f.accuracy)), fitSeconds: folds.reduce((a, f) => a + f.fitSeconds, 0) / folds.length };
}

const f3 = (x: number) => x.toFixed(3);
const results: { file: string; rows: number; sklearn: string; methods: MethodSummary[] }[] = [];
for (const name of Object.keys(FILES) as (keyof typeof FILES)[]) {
  const data = loadSentiment(name);
  const folds = kFold(data.texts.length, K, SEED);
  const sk = sklearnRun(data, folds);
  const methods = Object.entries(sk.models).map(([m, f]) => summarize(m, f));
  for (const method of METHODS) {
    const fr: FoldResult[] = [];
    for (const [k, f] of folds.entries()) {
      fr.push(await latheFold(method, data, Array.from(f.train), Array.from(f.test)));
      console.error(`${name} ${method} fold ${k + 1}/${K}: ${f3(fr[k].accuracy)} in ${fr[k].fitSeconds.toFixed(2)} s`);
    }
    methods.push(summarize(`lathe ${method}`, fr));
  }
  results.push({ file: FILES[name], rows: data.texts.length, sklearn: sk.version, methods });
}

function markdown(): string {
  const lines = [
    `# Text sentiment: Lathe against scikit-learn`,
    '',
    `UCI Sentiment Labelled Sentences, ${K}-fold cross-validation (seed ${SEED}, the same folds for every method). ` +
      'Accuracy: mean over folds [95 % t-interval]; fit: mean seconds per fold (vectorizer and model, C tuning included). ' +
      `vs best: accuracy minus scikit-learn's best on that file, and fit time as a multiple of that model's. ` +
      `Lexicon: no training, positive when the compound score ≥ 0.05. Machine: ${JSON.stringify(machine())}; ` +
      'the machine was shared with other work, so times are indicative only.',
    '',
  ];
  for (const r of results) {
    const sk = r.methods.filter((m) => m.method.startsWith('sklearn'));
    const best = sk.reduce((a, b) => (b.accuracy.mean > a.accuracy.mean ? b : a));
    lines.push(`## ${r.file} (${r.rows} sentences, scikit-learn ${r.sklearn})`, '', '| method | accuracy | fit s | vs best: accuracy | vs best: time |', '|---|---|---|---|---|');
    for (const m of r.methods) {
      const a = m.accuracy;
      const ratio = m.fitSeconds > 0 && best.fitSeconds > 0 ? `${(m.fitSeconds / best.fitSeconds).toFixed(1)}×` : '—';
      lines.push(`| ${m.method} | ${f3(a.mean)} [${f3(a.lo)}, ${f3(a.hi)}] | ${m.fitSeconds.toFixed(3)} | ${(a.mean - best.accuracy.mean >= 0 ? '+' : '') + f3(a.mean - best.accuracy.mean)} | ${ratio} |`);
    }
    const trained = r.methods.filter((m) => m.method.startsWith('lathe') && m.method !== 'lathe lexicon');
    const top = trained.length ? trained.reduce((a, b) => (b.accuracy.mean > a.accuracy.mean ? b : a)) : null;
    const lex = r.methods.find((m) => m.method === 'lathe lexicon');
    lines.push('');
    if (top) {
      lines.push(`- best trained Lathe model ≥ ${TARGET_TRAINED}: ${top.accuracy.mean >= TARGET_TRAINED ? 'met' : 'NOT met'} (${top.method} ${f3(top.accuracy.mean)})`);
      lines.push(`- no worse than scikit-learn's best (${best.method} ${f3(best.accuracy.mean)}): ${top.accuracy.mean >= best.accuracy.mean ? 'met' : 'NOT met'}`);
    }
    if (lex) lines.push(`- lexicon ≥ ${TARGET_LEXICON} without training: ${lex.accuracy.mean >= TARGET_LEXICON ? 'met' : 'NOT met'} (${f3(lex.accuracy.mean)})`);
    lines.push('');
  }
  return lines.join('\n');
}

writeReport('text', { folds: K, seed: SEED, machine: machine(), results }, markdown());
