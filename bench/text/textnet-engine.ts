/**
 * textnet fit time on the WebAssembly kernel against TF.js (the anchor, on the backend the chain picks) in the
 * same run: the yelp sentiment sample, 200 held-out texts per seed (seeds 1-3), default parameters. Reports
 * each side's fit seconds, held-out accuracy and the largest difference in held-out probabilities.
 *
 * Usage: npm run bench:textnet-engine [-- --seeds 1,2,3 --holdout 200]
 */
import { selectBackend, backendReport } from '../../models/mlp/backend';
import { TextnetModel } from '../../models/text/textnet';
import { mulberry32, range, shuffleInPlace } from '../../models/split/prng';
import { machine, writeReport } from '../lib/report';
import { loadSentiment } from './data';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const SEEDS = (flag('--seeds') ?? '1,2,3').split(',').map(Number);
const HOLDOUT = Number(flag('--holdout') ?? 200);

interface Side { seconds: number; accuracy: number; epochs: number; trainedOn: string }

const data = loadSentiment('yelp');
const backend = await selectBackend();

async function fitSide(engine: 'auto' | 'tfjs', train: number[], test: number[], seed: number): Promise<{ side: Side; proba: Float64Array }> {
  const t0 = performance.now();
  const m = await TextnetModel.fit(train.map((i) => data.texts[i]), train.map((i) => data.labels[i]), { seed, engine });
  const seconds = (performance.now() - t0) / 1000;
  const trainedOn = backendReport()?.trainedOn ?? '?';
  const proba = m.predictProba(test.map((i) => data.texts[i]));
  const predicted = m.predict(test.map((i) => data.texts[i]));
  const accuracy = predicted.filter((p, k) => p === data.labels[test[k]]).length / test.length;
  const epochs = m.epochs;
  m.dispose();
  return { side: { seconds, accuracy, epochs, trainedOn }, proba };
}

interface Row { seed: number; kernel: Side; tfjs: Side; speedup: number; maxProbabilityDifference: number }
const rows: Row[] = [];
for (const seed of SEEDS) {
  const order = Array.from(shuffleInPlace(range(data.texts.length), mulberry32(seed)));
  const test = order.slice(0, HOLDOUT), train = order.slice(HOLDOUT);
  // Alternate which side goes first, so a warm-up or a busy moment does not always fall on the same one.
  const first = seed % 2 ? 'auto' : 'tfjs';
  const a = await fitSide(first, train, test, seed);
  const b = await fitSide(first === 'auto' ? 'tfjs' : 'auto', train, test, seed);
  const [kernel, tfjs] = first === 'auto' ? [a, b] : [b, a];
  let maxDiff = 0;
  for (let i = 0; i < kernel.proba.length; i++) maxDiff = Math.max(maxDiff, Math.abs(kernel.proba[i] - tfjs.proba[i]));
  rows.push({ seed, kernel: kernel.side, tfjs: tfjs.side, speedup: tfjs.side.seconds / kernel.side.seconds, maxProbabilityDifference: maxDiff });
}

const sum = (f: (r: Row) => number) => rows.reduce((s, r) => s + f(r), 0);
const summary = { kernelSeconds: sum((r) => r.kernel.seconds), tfjsSeconds: sum((r) => r.tfjs.seconds), kernelAccuracy: sum((r) => r.kernel.accuracy) / rows.length, tfjsAccuracy: sum((r) => r.tfjs.accuracy) / rows.length };
const md = [
  `# textnet: WebAssembly kernel vs TF.js (${backend}) on yelp, ${HOLDOUT} held-out texts`,
  '',
  '| seed | kernel s | TF.js s | speed-up | kernel acc | TF.js acc | epochs (kernel / TF.js) | max Δ probability |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.seed} | ${r.kernel.seconds.toFixed(2)} | ${r.tfjs.seconds.toFixed(2)} | ${r.speedup.toFixed(2)}× | ${r.kernel.accuracy.toFixed(3)} | ${r.tfjs.accuracy.toFixed(3)} | ${r.kernel.epochs} / ${r.tfjs.epochs} | ${r.maxProbabilityDifference.toExponential(2)} |`),
  '',
  `Total fit time: kernel ${summary.kernelSeconds.toFixed(2)} s, TF.js ${summary.tfjsSeconds.toFixed(2)} s (${(summary.tfjsSeconds / summary.kernelSeconds).toFixed(2)}×); mean accuracy ${summary.kernelAccuracy.toFixed(3)} vs ${summary.tfjsAccuracy.toFixed(3)}.`,
  `Trained on: ${rows[0].kernel.trainedOn} vs ${rows[0].tfjs.trainedOn}. Machine: ${machine().cpus} CPUs, ${machine().cpuModel}, Node ${machine().node}.`,
].join('\n');
writeReport('textnet-engine', { machine: machine(), backend, holdout: HOLDOUT, rows, summary }, md);
