/**
 * The group protocol of a run: random and similar groups of 2 … 8 evaluated users (a bounded, seeded
 * number per size), each strategy's list scored by every member's own ndcg@k (models/recommend/groups).
 * Members' scores are computed once and shared by all strategies.
 */
import { GROUP_STRATEGIES, type GroupStrategy } from '../../../shared/families/recommend';
import type { RecommendReportDto } from '../../../shared/api/recommend-dto';
import { evaluateGroups, generateGroups, type Group } from '../../../models/recommend/groups';
import type { Interactions, Recommender } from '../../../models/recommend/types';

export const GROUP_SIZES = [2, 3, 4, 5, 6, 7, 8] as const;
/** Groups drawn per kind and size. */
export const GROUPS_PER_SIZE = 5;

export function evaluateGroupProtocol(
  model: Recommender,
  train: Interactions,
  test: Interactions,
  opts: { k: number; seed: number; eligible: readonly number[]; shouldStop: () => boolean; onProgress: (f: number) => void },
): RecommendReportDto['groups'] | null {
  if (opts.eligible.length < 2) return [];
  const groups: Group[] = [];
  for (const kind of ['random', 'similar'] as const) {
    groups.push(...generateGroups(train, { sizes: GROUP_SIZES, kind, count: GROUPS_PER_SIZE, seed: opts.seed, eligible: opts.eligible }));
  }
  const cache = new Map<number, Float32Array>();
  const scorer = {
    scoreAll(u: number): Float32Array {
      let s = cache.get(u);
      if (!s) cache.set(u, (s = model.scoreAll(u, new Float32Array(train.items.length))));
      return s;
    },
  };
  const out: RecommendReportDto['groups'] = [];
  const strategies = Object.keys(GROUP_STRATEGIES) as GroupStrategy[];
  for (const [j, strategy] of strategies.entries()) {
    if (opts.shouldStop()) return null;
    const ev = evaluateGroups(scorer, train, test, groups, { strategy, k: opts.k });
    for (const s of ev.summary) out.push({ strategy, kind: s.kind, size: s.size, groups: s.groups, meanNdcg: s.meanNdcg, minNdcg: s.minNdcg });
    opts.onProgress((j + 1) / strategies.length);
  }
  return out;
}
