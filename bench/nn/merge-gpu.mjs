// Merges gpu-check.sh's per-backend results into bench/results/nn-gpu.json and nn-gpu.md:
// per case, PyTorch on CUDA and Lathe's samples/s on each backend (or why that backend did not run).
import fs from 'node:fs';
import path from 'node:path';

const dir = path.resolve(import.meta.dirname, '../results');
const backends = ['tensorflow-gpu', 'webgpu', 'wasm'];
const read = (f) => (fs.existsSync(path.join(dir, f)) ? fs.readFileSync(path.join(dir, f), 'utf8') : null);
const cases = new Map();
const refused = {};
for (const b of backends) {
  const json = read(`nn-gpu-${b}.json`);
  if (!json) {
    refused[b] = (read(`nn-gpu-${b}.log`) ?? 'no output').split('\n').filter((l) => /error|cannot|refused|no TensorFlow/i.test(l)).slice(0, 3).join(' | ') || 'did not run';
    continue;
  }
  for (const c of JSON.parse(json).cases) {
    const row = cases.get(c.name) ?? { name: c.name, label: c.label, pytorchCuda: c.pytorch, lathe: {} };
    row.pytorchCuda = Math.max(row.pytorchCuda, c.pytorch);
    row.lathe[b] = { samplesPerSecond: c.lathe, trainedBy: c.latheBackend, ratio: c.lathe / row.pytorchCuda };
    cases.set(c.name, row);
  }
}
const device = (read('nn-gpu-device.txt') ?? '').trim();
const out = { device, refused, cases: [...cases.values()] };
fs.writeFileSync(path.join(dir, 'nn-gpu.json'), JSON.stringify(out, null, 2) + '\n');
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const md = [
  '# Network training speed on a GPU: Lathe vs PyTorch (CUDA)',
  '',
  `Device: ${device || 'unknown'}. Samples per second; ratio = Lathe / PyTorch on CUDA.`,
  '',
  `| case | PyTorch CUDA | ${backends.map((b) => `Lathe ${b}`).join(' | ')} |`,
  `|---|---:|${backends.map(() => '---:').join('|')}|`,
  ...out.cases.map((c) => `| ${c.label} | ${fmt(c.pytorchCuda)} | ${backends.map((b) => (c.lathe[b] ? `${fmt(c.lathe[b].samplesPerSecond)} (${c.lathe[b].ratio.toFixed(2)}×, ${c.lathe[b].trainedBy})` : 'not run')).join(' | ')} |`),
  '',
  ...Object.entries(refused).map(([b, why]) => `- ${b} did not run: ${why}`),
].join('\n');
fs.writeFileSync(path.join(dir, 'nn-gpu.md'), md + '\n');
console.log(md);
