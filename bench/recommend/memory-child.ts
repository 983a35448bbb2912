/**
 * The memory check: one fit of a Lathe model on a synthetic implicit data set of `n` interactions, in a
 * fresh process, printing the resident memory before the fit, the peak and the fit time.
 *
 * The data (seeded): n / 10 users with 10 distinct items each out of n / 50 items, items drawn with a
 * skew towards the popular ones (index = ⌊items · u²⌋, u uniform), each interaction weighted 1–5.
 *
 * Usage: node --import tsx memory-child.ts <model> <n> <seed> [<params json>]
 */
import { mulberry32 } from '../../models/split/prng';
import type { Interactions } from '../../models/recommend/types';
import type { RecommendModelId } from '../../shared/families/recommend';
import { fitterFor } from './fitters';

const PER_USER = 10;

function syntheticImplicit(n: number, seed: number): Interactions {
  const rand = mulberry32(seed);
  const nUsers = Math.ceil(n / PER_USER);
  const nItems = Math.max(PER_USER * 2, Math.round(n / 50));
  const user = new Int32Array(n);
  const item = new Int32Array(n);
  const value = new Float32Array(n);
  const picked = new Set<number>();
  let r = 0;
  for (let u = 0; u < nUsers && r < n; u++) {
    picked.clear();
    while (picked.size < Math.min(PER_USER, n - r)) picked.add(Math.floor(nItems * rand() ** 2));
    for (const i of [...picked].sort((a, b) => a - b)) {
      user[r] = u;
      item[r] = i;
      value[r] = 1 + Math.floor(rand() * 5);
      r++;
    }
  }
  const ids = (count: number, prefix: string) => Array.from({ length: count }, (_, k) => `${prefix}${k}`);
  return { users: ids(nUsers, 'u'), items: ids(nItems, 'i'), user, item, value, time: null, explicit: false, scale: null };
}

const [model, n, seed, params] = process.argv.slice(2);
const fit = await fitterFor(model as RecommendModelId);
if (!fit) {
  console.log(JSON.stringify({ model, available: false, reason: `models/recommend has no fit for ${model}` }));
} else {
  const data = syntheticImplicit(Number(n), Number(seed));
  const rssBeforeMB = process.memoryUsage().rss / 2 ** 20;
  const t0 = performance.now();
  const fitted = await fit(data, { params: params ? JSON.parse(params) : {}, seed: Number(seed) });
  const fitSeconds = (performance.now() - t0) / 1000;
  const peakRssMB = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ model: fitted.model, available: true, interactions: data.user.length, users: data.users.length, items: data.items.length, fitSeconds, rssBeforeMB, peakRssMB }));
}
