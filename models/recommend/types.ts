/**
 * The recommender engine's data and model shapes. Users and items are dense indices into the
 * id lists; every model scores any (user, item) pair and returns JSON that `loadRecommender`
 * turns back into the model. Parameters and shared options come from shared/families/recommend.ts.
 */
import type { RecommendModelId } from '../../shared/families/recommend';

/** Interactions after mapping ids to indices and aggregating duplicated (user, item) pairs. */
export interface Interactions {
  /** Index → original id (as text). */
  users: readonly string[];
  items: readonly string[];
  /** One entry per interaction, parallel arrays. */
  user: Int32Array;
  item: Int32Array;
  /** The rating (explicit) or the implicit weight (event weight, count). */
  value: Float32Array;
  /** Epoch ms per interaction, or null without a time column. */
  time: Float64Array | null;
  /** True when `value` is a rating on a scale (RMSE/MAE make sense). */
  explicit: boolean;
  /** The rating scale seen in training (explicit), e.g. [1, 5]. */
  scale: [number, number] | null;
}

/** Item attributes by item index (rows of an item-features dataset joined by key). */
export interface ItemFeatures {
  /** Categorical columns: value per item (null when missing or the item has no row). */
  categories: Record<string, (string | null)[]>;
  /** Multi-valued tags per item ("a|b|c" split), empty when none. */
  tags: Record<string, string[][]>;
  /** Numeric columns, NaN when missing. */
  numbers: Record<string, Float64Array>;
  /** Free-text columns. */
  text: Record<string, (string | null)[]>;
}

/** User attributes by user index; `segment` is what cold-start popularity groups by. */
export interface UserFeatures {
  /** The category column segment popularity groups by; the first category column when omitted. */
  segment?: string;
  categories: Record<string, (string | null)[]>;
  numbers: Record<string, Float64Array>;
}

export interface RecommendFitOptions {
  /** The model's parameters (shared/families/recommend.ts); omitted ones take the schema's defaults. */
  params?: Readonly<Record<string, unknown>>;
  seed?: number;
  itemFeatures?: ItemFeatures;
  userFeatures?: UserFeatures;
  /** 0..1 with a short message. */
  onProgress?: (fraction: number, message: string) => void;
  /** Training curves (e.g. mf train RMSE per epoch). */
  onMetrics?: (step: number, values: Record<string, number>) => void;
  /** Polled between epochs; true stops with what was learned so far. */
  shouldStop?: () => boolean;
}

/** Why an item was recommended, for people. */
export interface Reason {
  text: string;
  /** Item indices the reason points at (the liked items it is similar to), when any. */
  items?: number[];
}

export interface Recommender {
  readonly model: RecommendModelId;
  readonly users: readonly string[];
  readonly items: readonly string[];
  /**
   * False when `predict` is a preference score even on ratings (implicit ALS), so rating metrics
   * (RMSE, MAE) are left out for it; absent or true: `predict` gives ratings on explicit data.
   */
  readonly predictsRatings?: boolean;
  /** Predicted rating (explicit) or preference score of a known user for an item. */
  predict(user: number, item: number): number;
  /** Scores of every item for a known user (higher is better); `out` is reused when given. */
  scoreAll(user: number, out?: Float32Array): Float32Array;
  /**
   * Scores for someone outside training, from the items they interacted with (index → value) and/or
   * stated preferences; models that cannot use them return null and the caller falls back.
   */
  scoreCold?(history: ReadonlyMap<number, number>, prefer?: Readonly<Record<string, string[]>>): Float32Array | null;
  /** Items most like one item (index, similarity), best first. */
  similar?(item: number, k: number): { item: number; score: number }[];
  /** A short reason for recommending `item` to `user`. */
  reason?(user: number, item: number): Reason;
  /** Item vectors for the embedding map (mf, als, ncf, content); null otherwise. */
  itemVectors?(): { dim: number; data: Float32Array } | null;
  toJSON(): RecommenderArtifact;
}

/** Plain JSON of a fitted model (typed arrays as number arrays or base64, per model). */
export interface RecommenderArtifact {
  model: RecommendModelId;
  version: 1;
  users: string[];
  items: string[];
  params: Record<string, unknown>;
  state: unknown;
}

/**
 * What a model made of others (the hybrid) lends the cold-start chain (coldStart.ts): its content and
 * popularity members, a scorer of a history by its other members, and which users it trained on.
 */
export interface ColdStartParts {
  content: Recommender | null;
  popularity: Recommender | null;
  history: Pick<Recommender, 'model' | 'scoreCold'> | null;
  known(user: number): boolean;
}
