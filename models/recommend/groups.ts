/**
 * Recommendations for a group from each member's predicted scores (Masthoff's aggregation strategies) and
 * a greedy `fair` list. Every strategy reports each member's score and satisfaction per pick, where a
 * member's satisfaction is the running sum, over the list so far, of their min-max normalised scores
 * (0 = their worst candidate, 1 = their best), so members on different scales compare.
 */
import { RECOMMEND_DEFAULTS, type GroupStrategy } from '../../shared/families/recommend';
import { mulberry32 } from '../split/prng';
import { itemsOf, ndcgAt, relevanceThreshold, userRows } from './ranking';
import type { Interactions, Recommender } from './types';

export interface GroupOptions {
  strategy?: GroupStrategy;
  k: number;
  /** average-without-misery: items any member scores below this are left out (default: miseryShare of `scale`). */
  threshold?: number;
  /** The rating scale the threshold is a share of; without one, the range of all members' scores. */
  scale?: [number, number];
  /** Items not to recommend (e.g. what members already know). */
  exclude?: ReadonlySet<number>;
}

export interface GroupPick {
  item: number;
  /** The strategy's group score (fair: the normalised score of the member it was picked for). */
  score: number;
  /** Per member: the predicted score and the satisfaction after this pick. */
  members: { score: number; satisfaction: number }[];
}

export interface GroupList {
  strategy: GroupStrategy;
  items: GroupPick[];
  /** Misery threshold used (average-without-misery), else null. */
  threshold: number | null;
}

function candidates(scores: Float32Array[], exclude?: ReadonlySet<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < scores[0].length; i++) {
    if (exclude?.has(i)) continue;
    if (scores.every((s) => Number.isFinite(s[i]))) out.push(i);
  }
  return out;
}

/** Each member's scores min-max normalised over the candidates (a constant member scores 1 everywhere). */
function normalised(scores: Float32Array[], items: number[]): Float64Array[] {
  return scores.map((s) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const i of items) {
      lo = Math.min(lo, s[i]);
      hi = Math.max(hi, s[i]);
    }
    const out = new Float64Array(s.length);
    for (const i of items) out[i] = hi > lo ? (s[i] - lo) / (hi - lo) : 1;
    return out;
  });
}

/** Borda points per item: n − 1 for a member's best candidate down to 0, tied items sharing the mean. */
function bordaPoints(scores: Float32Array[], items: number[]): Float64Array {
  const points = new Float64Array(scores[0].length);
  for (const s of scores) {
    const order = [...items].sort((a, b) => s[b] - s[a] || a - b);
    for (let r = 0; r < order.length; ) {
      let end = r;
      while (end + 1 < order.length && s[order[end + 1]] === s[order[r]]) end++;
      const share = order.length - 1 - (r + end) / 2;
      for (let j = r; j <= end; j++) points[order[j]] += share;
      r = end + 1;
    }
  }
  return points;
}

/** lo + miseryShare × (hi − lo) of the scale, or of the range of all members' scores over the candidates. */
export function miseryThreshold(scores: Float32Array[], items: number[], scale?: [number, number]): number {
  let lo = scale?.[0] ?? Infinity;
  let hi = scale?.[1] ?? -Infinity;
  if (!scale) {
    for (const s of scores) for (const i of items) { lo = Math.min(lo, s[i]); hi = Math.max(hi, s[i]); }
  }
  return lo + RECOMMEND_DEFAULTS.miseryShare * (hi - lo);
}

function aggregate(strategy: GroupStrategy, scores: Float32Array[], items: number[], threshold: number): Map<number, number> {
  const out = new Map<number, number>();
  if (strategy === 'borda') {
    const points = bordaPoints(scores, items);
    for (const i of items) out.set(i, points[i]);
    return out;
  }
  for (const i of items) {
    const v = scores.map((s) => s[i]);
    if (strategy === 'least-misery') out.set(i, Math.min(...v));
    else if (strategy === 'most-pleasure') out.set(i, Math.max(...v));
    else if (strategy === 'average-without-misery' && v.some((x) => x < threshold)) continue;
    else out.set(i, v.reduce((a, b) => a + b, 0) / v.length);
  }
  return out;
}

/** Greedy fair list: each pick is the best remaining item of the member least satisfied so far. */
function fairOrder(norm: Float64Array[], items: number[], k: number): { item: number; score: number }[] {
  const satisfaction = new Float64Array(norm.length);
  const left = new Set(items);
  const picks: { item: number; score: number }[] = [];
  while (picks.length < k && left.size > 0) {
    let who = 0;
    for (let m = 1; m < norm.length; m++) if (satisfaction[m] < satisfaction[who]) who = m;
    let best = -1;
    let bestMean = -Infinity;
    for (const i of left) {
      // Ties for the least-satisfied member go to the item the group as a whole likes more.
      const mean = norm.reduce((a, n) => a + n[i], 0) / norm.length;
      if (best < 0 || norm[who][i] > norm[who][best] || (norm[who][i] === norm[who][best] && mean > bestMean)) {
        best = i;
        bestMean = mean;
      }
    }
    left.delete(best);
    for (let m = 0; m < norm.length; m++) satisfaction[m] += norm[m][best];
    picks.push({ item: best, score: norm[who][best] });
  }
  return picks;
}

/** The group's top-k list under one strategy (RECOMMEND_DEFAULTS.groupStrategy when none is given). */
export function recommendForGroup(scoresPerMember: Float32Array[], options: GroupOptions): GroupList {
  const strategy = options.strategy ?? RECOMMEND_DEFAULTS.groupStrategy;
  if (scoresPerMember.length === 0) throw new Error('a group needs at least one member');
  const n = scoresPerMember[0].length;
  if (scoresPerMember.some((s) => s.length !== n)) throw new Error('every member needs a score for every item');
  const items = candidates(scoresPerMember, options.exclude);
  const norm = normalised(scoresPerMember, items);
  const threshold = strategy === 'average-without-misery'
    ? options.threshold ?? miseryThreshold(scoresPerMember, items, options.scale)
    : null;
  let order: { item: number; score: number }[];
  if (strategy === 'fair') {
    order = fairOrder(norm, items, options.k);
  } else {
    const scored = aggregate(strategy, scoresPerMember, items, threshold ?? -Infinity);
    order = [...scored].map(([item, score]) => ({ item, score }))
      .sort((a, b) => b.score - a.score || a.item - b.item)
      .slice(0, options.k);
  }
  const satisfaction = new Float64Array(scoresPerMember.length);
  const picks = order.map(({ item, score }) => ({
    item,
    score,
    members: scoresPerMember.map((s, m) => {
      satisfaction[m] += norm[m][item];
      return { score: s[item], satisfaction: satisfaction[m] };
    }),
  }));
  return { strategy, items: picks, threshold };
}

export interface Group {
  kind: 'random' | 'similar';
  members: number[];
}

export interface GenerateGroupsOptions {
  /** Group sizes to draw (the protocol uses 2 … 8). */
  sizes: readonly number[];
  kind: 'random' | 'similar';
  /** Groups per size. */
  count: number;
  seed: number;
  /** Users groups are drawn from (e.g. those with test items); every user with a training item otherwise. */
  eligible?: readonly number[];
}

/** Cosine of two users' training item sets. */
function overlap(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let both = 0;
  for (const i of a) if (b.has(i)) both++;
  return both / Math.sqrt(a.size * b.size);
}

/**
 * Groups for the evaluation protocol. 'random': members drawn uniformly without replacement. 'similar': a
 * random first member and the size − 1 users whose training items overlap theirs most (cosine of the item
 * sets, > 0); a first member without that many similar users is redrawn, a size that cannot be filled
 * yields fewer groups.
 */
export function generateGroups(train: Interactions, options: GenerateGroupsOptions): Group[] {
  const rows = userRows(train);
  const pool = options.eligible ? [...options.eligible]
    : [...Array(train.users.length).keys()].filter((u) => rows.start[u + 1] > rows.start[u]);
  const rand = mulberry32(options.seed);
  const itemSets = new Map<number, Set<number>>();
  const setOf = (u: number) => itemSets.get(u) ?? itemSets.set(u, itemsOf(rows, u)).get(u)!;
  const groups: Group[] = [];
  for (const size of options.sizes) {
    if (size < 1 || size > pool.length) continue;
    let made = 0;
    for (let attempt = 0; made < options.count && attempt < options.count * 20; attempt++) {
      if (options.kind === 'random') {
        const draw = [...pool];
        for (let j = 0; j < size; j++) {
          const r = j + Math.floor(rand() * (draw.length - j));
          [draw[j], draw[r]] = [draw[r], draw[j]];
        }
        groups.push({ kind: 'random', members: draw.slice(0, size) });
        made++;
        continue;
      }
      const first = pool[Math.floor(rand() * pool.length)];
      const near = pool.filter((u) => u !== first)
        .map((u) => ({ u, s: overlap(setOf(first), setOf(u)) }))
        .filter((x) => x.s > 0)
        .sort((a, b) => b.s - a.s || a.u - b.u)
        .slice(0, size - 1);
      if (near.length < size - 1) continue;
      groups.push({ kind: 'similar', members: [first, ...near.map((x) => x.u)] });
      made++;
    }
  }
  return groups;
}

export interface GroupEvaluation {
  groups: { kind: Group['kind']; members: number[]; ndcg: number[]; min: number; mean: number }[];
  /** Per kind and size: mean member ndcg@k and mean of each group's minimum (the least-served member). */
  summary: { kind: Group['kind']; size: number; groups: number; meanNdcg: number; minNdcg: number }[];
  k: number;
  strategy: GroupStrategy;
}

/**
 * The group protocol: each group's list (members' training items excluded) scored against each member's own
 * relevant test items by ndcg@k. Members without relevant test items are left out of their group's numbers
 * (NaN in `ndcg`); a group with none left is skipped.
 */
export function evaluateGroups(
  model: Pick<Recommender, 'scoreAll'>,
  train: Interactions,
  test: Interactions,
  groups: readonly Group[],
  options: { strategy?: GroupStrategy; k?: number },
): GroupEvaluation {
  const k = options.k ?? RECOMMEND_DEFAULTS.k;
  const strategy = options.strategy ?? RECOMMEND_DEFAULTS.groupStrategy;
  const trainRows = userRows(train);
  const testRows = userRows(test);
  const cut = relevanceThreshold(train);
  const relevant = (u: number) => {
    const out = new Set<number>();
    for (let p = testRows.start[u]; p < testRows.start[u + 1]; p++) if (testRows.value[p] >= cut) out.add(testRows.item[p]);
    return out;
  };
  // scoreAll is a ranking score (mf's blends an interaction model with the rating; als has no rating),
  // not a rating on the scale: the misery threshold is taken over the scores themselves.
  const result: GroupEvaluation['groups'] = [];
  for (const g of groups) {
    const exclude = new Set<number>();
    for (const u of g.members) for (const i of itemsOf(trainRows, u)) exclude.add(i);
    const list = recommendForGroup(g.members.map((u) => model.scoreAll(u)), { strategy, k, exclude });
    const ranked = list.items.map((p) => p.item);
    const ndcg = g.members.map((u) => {
      const rel = relevant(u);
      return rel.size ? ndcgAt(ranked, rel, k) : NaN;
    });
    const known = ndcg.filter((x) => !Number.isNaN(x));
    if (!known.length) continue;
    result.push({ kind: g.kind, members: g.members, ndcg, min: Math.min(...known), mean: known.reduce((a, b) => a + b, 0) / known.length });
  }
  const cells = new Map<string, GroupEvaluation['groups']>();
  for (const r of result) {
    const key = `${r.kind}:${r.members.length}`;
    cells.set(key, [...(cells.get(key) ?? []), r]);
  }
  const summary = [...cells.values()].map((rs) => ({
    kind: rs[0].kind,
    size: rs[0].members.length,
    groups: rs.length,
    meanNdcg: rs.reduce((a, r) => a + r.mean, 0) / rs.length,
    minNdcg: rs.reduce((a, r) => a + r.min, 0) / rs.length,
  })).sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.size - b.size));
  return { groups: result, summary, k, strategy };
}
