/**
 * Hybrid recommender: a weighted blend of member models. Members come from params.members ("mf+item-knn+
 * popularity"); content joins when item features are given. The weights are fitted on a validation share
 * of each user's training interactions (blendWeights.ts: members' scores z-scored per user, weights on a
 * simplex grid maximising ndcg@k; explicit data also gets least-squares rating weights for predict()),
 * then every member is refitted on all the training data. Cold items of a known user take their content
 * z-score (ranked last without content); users it did not train on, and people outside it, go down the
 * cold-start chain (coldStart.ts): content, the other members from a history, segment popularity, overall
 * popularity — a popularity model is fitted for that even when it is not a member.
 * Members are fitted and loaded through functions passed in (fit.ts passes its own), so this file does not
 * depend on the dispatcher; both may be async (ncf is), so fitting and loading here are.
 */
import type { RecommendModelId } from '../../shared/families/recommend';
import { fitBlend, validationSplit, type BlendFit } from './blendWeights';
import { decodeI32, encodeI32 } from './codec';
import { coldStartScores } from './coldStart';
import { recommendParams } from './params';
import { zScore } from './ranking';
import type { ColdStartParts, Interactions, Reason, RecommendFitOptions, Recommender, RecommenderArtifact } from './types';

export type FitMember = (model: RecommendModelId, train: Interactions, opts: RecommendFitOptions) => Recommender | Promise<Recommender>;
export type LoadMember = (artifact: RecommenderArtifact) => Recommender | Promise<Recommender>;

interface Member {
  rec: Recommender;
  /** Ranking weight (on per-user z-scores). */
  weight: number;
  /** Rating weight for predict() on explicit data (0 on implicit). */
  ratingWeight: number;
}

type BlendSummary = Omit<BlendFit, 'weights' | 'ratingWeights'>;

interface HybridState {
  members: Member[];
  /** Popularity for cold users: the member, or one fitted for the purpose. */
  popularity: Recommender | null;
  popularityIsMember: boolean;
  content: Recommender | null;
  /** 1 where the user / item has training interactions. */
  trainedUser: Int32Array;
  trainedItem: Int32Array;
  explicit: boolean;
  scale: [number, number] | null;
  blend: BlendSummary;
}

class HybridRecommender implements Recommender {
  readonly model = 'hybrid' as const;

  constructor(
    readonly users: readonly string[],
    readonly items: readonly string[],
    private readonly params: Record<string, unknown>,
    private readonly s: HybridState,
  ) {}

  /** Weighted sum of the members' z-scores; member j's own z-scores land in `each[j]` when asked. */
  private blend(user: number, out: Float32Array, each?: Float32Array[]): Float32Array {
    out.fill(0);
    const z = new Float32Array(this.items.length);
    this.s.members.forEach((m, j) => {
      if (m.weight === 0 && !each && m.rec !== this.s.content) return;
      zScore(m.rec.scoreAll(user), z);
      if (each) each[j] = Float32Array.from(z);
      if (m.weight > 0) for (let i = 0; i < out.length; i++) out[i] += m.weight * z[i];
      if (m.rec === this.s.content) for (let i = 0; i < out.length; i++) if (!this.s.trainedItem[i]) out[i] = z[i];
    });
    if (!this.s.content) {
      let lo = Infinity;
      for (let i = 0; i < out.length; i++) if (this.s.trainedItem[i] && out[i] < lo) lo = out[i];
      for (let i = 0; i < out.length; i++) if (!this.s.trainedItem[i]) out[i] = (Number.isFinite(lo) ? lo : 0) - 1;
    }
    return out;
  }

  scoreAll(user: number, out = new Float32Array(this.items.length)): Float32Array {
    if (this.s.trainedUser[user]) return this.blend(user, out);
    // Known by index but without training interactions: their segment's popularity (or everyone's).
    if (this.s.popularity) return this.s.popularity.scoreAll(user, out);
    return out.fill(0);
  }

  predict(user: number, item: number): number {
    if (!this.s.explicit) return this.scoreAll(user)[item];
    if (this.s.trainedUser[user] && this.s.trainedItem[item]) {
      let p = 0;
      for (const m of this.s.members) if (m.ratingWeight > 0) p += m.ratingWeight * m.rec.predict(user, item);
      const [lo, hi] = this.s.scale ?? [-Infinity, Infinity];
      return Math.min(hi, Math.max(lo, p));
    }
    if (this.s.trainedUser[user] && this.s.content) return this.s.content.predict(user, item);
    if (this.s.popularity) return this.s.popularity.predict(user, item);
    return this.s.scale ? (this.s.scale[0] + this.s.scale[1]) / 2 : 0;
  }

  /** The members other than content and popularity, blended on a history alone. */
  private readonly historyScorer = {
    model: 'hybrid' as const,
    scoreCold: (history: ReadonlyMap<number, number>, prefer?: Readonly<Record<string, string[]>>): Float32Array | null => {
      const out = new Float32Array(this.items.length);
      let total = 0;
      for (const m of this.s.members) {
        if (m.weight === 0 || m.rec === this.s.content || m.rec.model === 'popularity') continue;
        const scores = m.rec.scoreCold?.(history, prefer) ?? null;
        if (!scores) continue;
        const z = zScore(scores);
        for (let i = 0; i < out.length; i++) out[i] += m.weight * z[i];
        total += m.weight;
      }
      return total > 0 ? out : null;
    },
  };

  coldStartParts(): ColdStartParts {
    return { content: this.s.content, popularity: this.s.popularity, history: this.historyScorer, known: (u) => this.s.trainedUser[u] === 1 };
  }

  scoreCold(history: ReadonlyMap<number, number>, prefer?: Readonly<Record<string, string[]>>): Float32Array | null {
    return coldStartScores({ main: this }, { history, prefer }).scores;
  }

  similar(item: number, k: number): { item: number; score: number }[] {
    const from = this.s.content?.similar ? this.s.content : this.s.members.find((m) => m.rec.similar)?.rec;
    return from?.similar?.(item, k) ?? [];
  }

  /** The reason of the member that adds the most to this item's blended score. */
  reason(user: number, item: number): Reason {
    if (!this.s.trainedUser[user]) return this.s.popularity?.reason?.(user, item) ?? { text: 'popular overall' };
    if (!this.s.trainedItem[item] && this.s.content?.reason) return this.s.content.reason(user, item);
    const each: Float32Array[] = [];
    this.blend(user, new Float32Array(this.items.length), each);
    let top = -1;
    this.s.members.forEach((m, j) => {
      if (m.weight > 0 && (top < 0 || m.weight * each[j][item] > this.s.members[top].weight * each[top][item])) top = j;
    });
    const m = top >= 0 ? this.s.members[top].rec : null;
    return m?.reason?.(user, item) ?? { text: `ranked high by ${m?.model ?? 'the blend'}` };
  }

  itemVectors(): { dim: number; data: Float32Array } | null {
    for (const r of [this.s.content, ...this.s.members.map((m) => m.rec)]) {
      const v = r?.itemVectors?.() ?? null;
      if (v) return v;
    }
    return null;
  }

  /** Validation results of the blend (ndcg@k of the blend and of each member alone, rating RMSE). */
  fitSummary(): BlendSummary & { members: { model: RecommendModelId; weight: number; ratingWeight: number }[] } {
    return { ...this.s.blend, members: this.s.members.map((m) => ({ model: m.rec.model, weight: m.weight, ratingWeight: m.ratingWeight })) };
  }

  toJSON(): RecommenderArtifact {
    const s = this.s;
    return {
      model: 'hybrid', version: 1, users: [...this.users], items: [...this.items], params: { ...this.params },
      state: {
        members: s.members.map((m) => ({ weight: m.weight, ratingWeight: m.ratingWeight, artifact: m.rec.toJSON() })),
        popularity: s.popularity && !s.popularityIsMember ? s.popularity.toJSON() : null,
        trainedUser: encodeI32(s.trainedUser), trainedItem: encodeI32(s.trainedItem),
        explicit: s.explicit, scale: s.scale, blend: s.blend,
      },
    };
  }
}

function trainedFlags(train: Interactions): { trainedUser: Int32Array; trainedItem: Int32Array } {
  const trainedUser = new Int32Array(train.users.length);
  const trainedItem = new Int32Array(train.items.length);
  for (let r = 0; r < train.user.length; r++) { trainedUser[train.user[r]] = 1; trainedItem[train.item[r]] = 1; }
  return { trainedUser, trainedItem };
}

export async function fitHybrid(train: Interactions, opts: RecommendFitOptions, fitMember: FitMember): Promise<Recommender> {
  const params = recommendParams('hybrid', opts.params);
  const names = params.members.split('+') as RecommendModelId[];
  if (opts.itemFeatures && !names.includes('content')) names.push('content');
  const seed = opts.seed ?? 0;
  const stage = (lo: number, hi: number, what: string): RecommendFitOptions => ({
    seed, itemFeatures: opts.itemFeatures, userFeatures: opts.userFeatures, shouldStop: opts.shouldStop,
    onProgress: opts.onProgress && ((f, msg) => opts.onProgress!(lo + (hi - lo) * f, `${what}: ${msg}`)),
  });
  const fitAll = async (data: Interactions, lo: number, hi: number, what: string) => {
    const out: Recommender[] = [];
    for (const [j, name] of names.entries()) {
      const step = (hi - lo) / names.length;
      out.push(await fitMember(name, data, stage(lo + j * step, lo + (j + 1) * step, `${what} ${name}`)));
    }
    return out;
  };

  const { fit, validation } = validationSplit(train, params.validationShare, seed);
  const early = await fitAll(fit, 0, 0.45, 'blend weights');
  opts.onProgress?.(0.45, 'fitting the blend weights');
  const blend = fitBlend(early, fit, validation, seed);
  opts.onMetrics?.(0, { validation_ndcg: blend.ndcg, ...Object.fromEntries(names.map((n, j) => [`validation_ndcg_${n}`, blend.memberNdcg[j]])) });
  const finals = await fitAll(train, 0.55, 0.95, 'all data');
  const members = finals.map((rec, j) => ({ rec, weight: blend.weights[j], ratingWeight: blend.ratingWeights?.[j] ?? 0 }));
  const popMember = finals.find((r) => r.model === 'popularity') ?? null;
  const popularity = popMember ?? (await fitMember('popularity', train, stage(0.95, 1, 'cold-start popularity')));
  opts.onProgress?.(1, 'done');
  const summary: BlendSummary = { ndcg: blend.ndcg, memberNdcg: blend.memberNdcg, rmse: blend.rmse, validationUsers: blend.validationUsers };
  return new HybridRecommender(train.users, train.items, { ...params }, {
    members, popularity, popularityIsMember: popMember !== null, content: finals.find((r) => r.model === 'content') ?? null,
    ...trainedFlags(train), explicit: train.explicit, scale: train.scale, blend: summary,
  });
}

export async function loadHybrid(artifact: RecommenderArtifact, loadMember: LoadMember): Promise<Recommender> {
  if (artifact.model !== 'hybrid') throw new Error(`not a hybrid model: ${artifact.model}`);
  const st = artifact.state as {
    members: { weight: number; ratingWeight: number; artifact: RecommenderArtifact }[];
    popularity: RecommenderArtifact | null; trainedUser: string; trainedItem: string;
    explicit: boolean; scale: [number, number] | null; blend: BlendSummary;
  };
  const members: Member[] = [];
  for (const m of st.members) members.push({ rec: await loadMember(m.artifact), weight: m.weight, ratingWeight: m.ratingWeight });
  const popMember = members.find((m) => m.rec.model === 'popularity')?.rec ?? null;
  return new HybridRecommender(artifact.users, artifact.items, recommendParams('hybrid', artifact.params), {
    members, popularity: popMember ?? (st.popularity ? await loadMember(st.popularity) : null), popularityIsMember: popMember !== null,
    content: members.find((m) => m.rec.model === 'content')?.rec ?? null,
    trainedUser: decodeI32(st.trainedUser), trainedItem: decodeI32(st.trainedItem), explicit: st.explicit, scale: st.scale, blend: st.blend,
  });
}
