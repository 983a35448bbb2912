/**
 * The recommender bundle's serving examples, as written into it: serve.mjs (Node, onnxruntime-node) and
 * serve.py (Python, onnxruntime + numpy). Both fill the graph's inputs from the manifest, show unknown
 * users the manifest's popularity, and aggregate group members' scores with the app's strategies
 * (models/recommend/groups.ts, ported line by line; the tests compare the two).
 */
export { recommendServePy } from './recommend-serve-py';

export function recommendServeNode(): string {
  return String.raw`// Recommend from this bundle with onnxruntime-node (npm install onnxruntime-node):
//   node serve.mjs USER [K]                               top K for one user
//   node serve.mjs --group A,B,C [--strategy NAME] [K]    top K for a group (strategies: see manifest.json)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The k best indices by score (ties: lower index first), skipping excluded and non-finite scores. */
export function topK(scores, k, exclude = new Set()) {
  const order = [];
  for (let i = 0; i < scores.length; i++) if (Number.isFinite(scores[i]) && !exclude.has(i)) order.push(i);
  return order.sort((a, b) => scores[b] - scores[a] || a - b).slice(0, k);
}

/** Group lists as the app makes them: Masthoff's strategies and the greedy fair list, with per-member satisfaction. */
export function groupList(scores, { strategy, k, exclude = new Set(), scale = null, miseryShare }) {
  const items = [];
  for (let i = 0; i < scores[0].length; i++) if (!exclude.has(i) && scores.every((s) => Number.isFinite(s[i]))) items.push(i);
  const norm = scores.map((s) => {
    let lo = Infinity, hi = -Infinity;
    for (const i of items) { lo = Math.min(lo, s[i]); hi = Math.max(hi, s[i]); }
    const out = new Float64Array(s.length);
    for (const i of items) out[i] = hi > lo ? (s[i] - lo) / (hi - lo) : 1;
    return out;
  });
  let threshold = null;
  if (strategy === 'average-without-misery') {
    let lo = scale ? scale[0] : Infinity, hi = scale ? scale[1] : -Infinity;
    if (!scale) for (const s of scores) for (const i of items) { lo = Math.min(lo, s[i]); hi = Math.max(hi, s[i]); }
    threshold = lo + miseryShare * (hi - lo);
  }
  let order;
  if (strategy === 'fair') {
    const sat = new Float64Array(scores.length);
    const left = new Set(items);
    order = [];
    while (order.length < k && left.size > 0) {
      let who = 0;
      for (let m = 1; m < norm.length; m++) if (sat[m] < sat[who]) who = m;
      let best = -1, bestMean = -Infinity;
      for (const i of left) {
        const mean = norm.reduce((a, n) => a + n[i], 0) / norm.length;
        if (best < 0 || norm[who][i] > norm[who][best] || (norm[who][i] === norm[who][best] && mean > bestMean)) { best = i; bestMean = mean; }
      }
      left.delete(best);
      for (let m = 0; m < norm.length; m++) sat[m] += norm[m][best];
      order.push({ item: best, score: norm[who][best] });
    }
  } else {
    const scored = new Map();
    if (strategy === 'borda') {
      const points = new Float64Array(scores[0].length);
      for (const s of scores) {
        const ranked = [...items].sort((a, b) => s[b] - s[a] || a - b);
        for (let r = 0; r < ranked.length; ) {
          let end = r;
          while (end + 1 < ranked.length && s[ranked[end + 1]] === s[ranked[r]]) end++;
          const share = ranked.length - 1 - (r + end) / 2;
          for (let j = r; j <= end; j++) points[ranked[j]] += share;
          r = end + 1;
        }
      }
      for (const i of items) scored.set(i, points[i]);
    } else {
      for (const i of items) {
        const v = scores.map((s) => s[i]);
        if (strategy === 'least-misery') scored.set(i, Math.min(...v));
        else if (strategy === 'most-pleasure') scored.set(i, Math.max(...v));
        else if (strategy === 'average-without-misery' && v.some((x) => x < threshold)) continue;
        else scored.set(i, v.reduce((a, b) => a + b, 0) / v.length);
      }
    }
    order = [...scored].map(([item, score]) => ({ item, score })).sort((a, b) => b.score - a.score || a.item - b.item).slice(0, k);
  }
  const sat = new Float64Array(scores.length);
  const picks = order.map(({ item, score }) => ({
    item, score,
    members: scores.map((s, m) => { sat[m] += norm[m][item]; return { score: s[item], satisfaction: sat[m] }; }),
  }));
  return { strategy, items: picks, threshold };
}

/** Opens the bundle in dir; ort is the onnxruntime-node module (imported when not given). */
export async function openRecommender(dir = HERE, ort = null) {
  ort = ort ?? (await import('onnxruntime-node'));
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const session = await ort.InferenceSession.create(path.join(dir, 'model.onnx'));
  const nItems = manifest.items.length;
  const { indptr, items: seenItems } = manifest.seen;
  const tables = {
    history: Float32Array.from(manifest.seen.values),
    weights: manifest.seen.weights ? Float32Array.from(manifest.seen.weights) : null,
  };
  const popularity = Float32Array.from(manifest.popularity.scores);
  const indexOf = (id) => (Object.prototype.hasOwnProperty.call(manifest.users, id) ? manifest.users[id] : -1);
  const seenOf = (u) => seenItems.slice(indptr[u], indptr[u + 1]);

  /** The graph's inputs for known users (indices), asking for the top k. */
  function feeds(users, k) {
    const n = users.length;
    const spread = (values) => {
      const out = new Float32Array(n * nItems);
      users.forEach((u, r) => { for (let p = indptr[u]; p < indptr[u + 1]; p++) out[r * nItems + seenItems[p]] = values ? values[p] : -Infinity; });
      return out;
    };
    const out = {};
    for (const input of manifest.inputs) {
      if (input.fill === 'user') out[input.name] = new ort.Tensor('int64', BigInt64Array.from(users, (u) => BigInt(u)), [n]);
      else if (input.fill === 'history') out[input.name] = new ort.Tensor('float32', spread(tables.history), [n, nItems]);
      else if (input.fill === 'weights') out[input.name] = new ort.Tensor('float32', spread(tables.weights), [n, nItems]);
      else if (input.fill === 'userMean') out[input.name] = new ort.Tensor('float32', Float32Array.from(users, (u) => manifest.userMean[u]), [n]);
      else if (input.fill === 'mask') out[input.name] = new ort.Tensor('float32', spread(null), [n, nItems]);
      else if (input.fill === 'k') out[input.name] = new ort.Tensor('int64', BigInt64Array.of(BigInt(Math.min(k, nItems))), [1]);
    }
    return out;
  }

  const described = (i, score) => ({ id: manifest.items[i].id, label: manifest.items[i].label, score });

  /** Every item's score for each known user (index), before the seen-item filter. */
  async function scoresOf(users) {
    const out = await session.run(feeds(users, 1));
    const all = out.scores.data;
    return users.map((_, r) => all.slice(r * nItems, (r + 1) * nItems));
  }

  /** Top k for one user id: the model's list without what they already have; unknown users get popularity. */
  async function recommend(userId, k = manifest.k) {
    const u = indexOf(String(userId));
    if (u < 0) return { user: String(userId), known: false, source: 'popularity', items: topK(popularity, k).map((i) => described(i, popularity[i])) };
    const out = await session.run(feeds([u], k));
    const items = [];
    for (let p = 0; p < out.top_items.data.length; p++) {
      const score = out.top_scores.data[p];
      if (score !== -Infinity) items.push(described(Number(out.top_items.data[p]), score));
    }
    return { user: String(userId), known: true, source: manifest.recommender.model, items };
  }

  /** Top k for a group: each member's scores (popularity for unknown ones), aggregated by a strategy, without what any member has. */
  async function recommendGroup(userIds, { strategy = manifest.groups.default, k = manifest.k } = {}) {
    if (!Object.prototype.hasOwnProperty.call(manifest.groups.strategies, strategy)) throw new Error('unknown group strategy ' + strategy + '; one of ' + Object.keys(manifest.groups.strategies).join(', '));
    if (userIds.length === 0) throw new Error('a group needs at least one member');
    const members = userIds.map((id) => indexOf(String(id)));
    const known = [...new Set(members.filter((u) => u >= 0))];
    const scores = known.length ? await scoresOf(known) : [];
    const perMember = members.map((u) => (u < 0 ? popularity : scores[known.indexOf(u)]));
    const exclude = new Set();
    for (const u of known) for (const i of seenOf(u)) exclude.add(i);
    const list = groupList(perMember, { strategy, k, exclude, scale: manifest.groups.scale, miseryShare: manifest.groups.miseryShare });
    return {
      members: userIds.map((id, m) => ({ user: String(id), known: members[m] >= 0 })),
      strategy, threshold: list.threshold,
      items: list.items.map((p) => ({ ...described(p.item, p.score), members: p.members })),
    };
  }

  return { manifest, recommend, recommendGroup, scoresOf };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const flag = (name) => { const i = args.indexOf(name); return i < 0 ? null : args.splice(i, 2)[1]; };
  const group = flag('--group');
  const strategy = flag('--strategy') ?? undefined;
  const rec = await openRecommender();
  if (group) {
    const k = Number(args[0] ?? rec.manifest.k);
    console.log(JSON.stringify(await rec.recommendGroup(group.split(','), { strategy, k }), null, 2));
  } else {
    const user = args[0] ?? Object.keys(rec.manifest.users)[0];
    console.log(JSON.stringify(await rec.recommend(user, Number(args[1] ?? rec.manifest.k)), null, 2));
  }
}
`;
}
