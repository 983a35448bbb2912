/**
 * Network training speed, Lathe against PyTorch (Debian python3-torch) on one thread each: for each case
 * of cases.ts the same data, network, batch size and AdamW, one warm-up epoch, then samples per second
 * over the timed epochs. Lathe trains with trainNetwork on the backend it picks (the WebAssembly kernel
 * for the networks it covers); --backend wasm|cpu forces a TF.js backend, --engine tfjs TF.js over the kernel.
 *
 * Usage: npm run bench:nn [-- --cases mlp,lstm --backend wasm --engine tfjs --rounds 3 --torch-device cuda --out nn]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { selectBackend, type BackendName } from '../../models/mlp/backend';
import { findPython } from '../lib/python';
import { machine, writeReport } from '../lib/report';
import { CASES } from './cases';
import { writeWorkload } from './data';
import { timeLathe, type LatheTiming } from './lathe';

interface AnchorTiming {
  samplesPerSecond: number;
  seconds: number;
  finalLoss: number;
}

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const only = flag('--cases')?.split(',');
const forced = flag('--backend') as BackendName | undefined;
const out = flag('--out') ?? 'nn';
const engine = flag('--engine') === 'tfjs' ? 'tfjs' : 'auto';
/** Where the anchor trains: 'cpu' (one thread), or 'cuda' for bench/nn/gpu-check.sh. */
const torchDevice = flag('--torch-device') ?? 'cpu';
/** Rounds per side, alternating Lathe and PyTorch; the best of each is kept, as other work on the machine only slows a round down. */
const ROUNDS = Number(flag('--rounds') ?? 3);
const SEED = 42;
/** Lathe trains on Node's one JavaScript thread; the anchor is held to the same. */
const THREADS = 1;

const py = findPython(['torch', 'numpy']);
if (!py) {
  console.error('The anchor needs PyTorch (apt-get install -y python3-torch); or set LATHE_PYTHON to a python3 that can import it.');
  process.exit(1);
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'lathe-bench-nn-'));
await selectBackend(forced ? [forced] : undefined);
const cases = [];
try {
  for (const c of CASES.filter((k) => !only || only.includes(k.name))) {
    const w = c.data();
    writeWorkload(dir, c.name, w);
    const job = path.join(dir, `${c.name}.json`);
    writeFileSync(job, JSON.stringify({ ...c, data: undefined, rows: w.rows, xShape: w.xShape, yShape: w.yShape, threads: THREADS, seed: SEED, device: torchDevice, x: path.join(dir, `${c.name}.x.f32`), y: path.join(dir, `${c.name}.y.f32`) }));
    const torchRounds: AnchorTiming[] = [], latheRounds: LatheTiming[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const r = spawnSync(py, [path.join(import.meta.dirname, 'torch_nn.py'), job], { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: String(THREADS) } });
      if (r.status !== 0) throw new Error(`torch_nn.py failed on ${c.name}: ${r.stderr}`);
      torchRounds.push(JSON.parse(r.stdout.trim().split('\n').at(-1)!) as AnchorTiming);
      latheRounds.push(await timeLathe(c, w, SEED, engine));
    }
    const fastest = <T extends { samplesPerSecond: number }>(rs: T[]): T => rs.reduce((a, b) => (b.samplesPerSecond > a.samplesPerSecond ? b : a));
    const pytorch = fastest(torchRounds), lathe = fastest(latheRounds);
    const ratio = lathe.samplesPerSecond / pytorch.samplesPerSecond;
    console.log(`${c.name}: lathe ${lathe.samplesPerSecond.toFixed(0)}/s (${lathe.backend}), pytorch ${pytorch.samplesPerSecond.toFixed(0)}/s, ratio ${ratio.toFixed(2)}`);
    cases.push({ name: c.name, label: c.label, rows: w.rows, batchSize: c.batchSize, epochs: c.epochs, lathe: lathe.samplesPerSecond, pytorch: pytorch.samplesPerSecond, ratio, latheBackend: lathe.backend, latheLoss: lathe.finalLoss, pytorchLoss: pytorch.finalLoss, latheRounds: latheRounds.map((r) => r.samplesPerSecond), pytorchRounds: torchRounds.map((r) => r.samplesPerSecond) });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const md = [
  '# Network training speed: Lathe vs PyTorch',
  '',
  `One thread each (PyTorch ${THREADS} thread; Lathe on Node's thread), AdamW, batch sizes as listed, one warm-up epoch then timed epochs; ${ROUNDS} rounds per side, alternating, the best of each kept. Samples per second, higher is better; ratio = Lathe / PyTorch.`,
  '',
  '| case | rows | batch | Lathe samples/s | trained by | PyTorch samples/s | ratio | last loss Lathe / PyTorch |',
  '|---|---:|---:|---:|---|---:|---:|---|',
  ...cases.map((c) => `| ${c.label} | ${c.rows} | ${c.batchSize} | ${fmt(c.lathe)} | ${c.latheBackend} | ${fmt(c.pytorch)} | ${c.ratio.toFixed(2)} | ${c.latheLoss.toFixed(4)} / ${c.pytorchLoss.toFixed(4)} |`),
  '',
  'Last losses are the last timed epoch\'s; they differ most for the text model, whose embeddings start from U(−0.1, 0.1) in Lathe (textnet\'s range) and N(0, 1) in PyTorch\'s EmbeddingBag.',
  '',
  `Machine: ${JSON.stringify(machine())}; load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} (the machine is shared: rounds vary).`,
].join('\n');
writeReport(out, { machine: machine(), load: os.loadavg(), threads: THREADS, rounds: ROUNDS, backend: forced ?? 'auto', engine, torchDevice, cases }, md);
