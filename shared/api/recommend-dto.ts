/** What recommending shows and returns: the run's report, the CLI's result, answers for a user or a group. */
import type { NetworkSpec } from '../nn/spec';
import type { GroupStrategy, RecommendModelId, RecommendSplit } from '../families/recommend';
import type { TrainingDeviceDto } from './device-dto';

/** Ranking metrics at one list length k (full catalogue, training items excluded). */
export interface RankingAtKDto {
  k: number;
  precision: number;
  recall: number;
  ndcg: number;
  map: number;
  hitRate: number;
  mrr: number;
}

/** Headline metrics of a recommender run, keyed as `lathe train --task recommend --json` prints them. */
export interface RecommendMetricsDto {
  /** Only with explicit ratings. */
  rmse?: number;
  mae?: number;
  /** At the run's k: precisionAt10, recallAt10, ndcgAt10, mapAt10, hitRateAt10, mrrAt10 for k = 10. */
  [atK: string]: number | undefined;
  /** Share of the catalogue that appears in some evaluated user's top k. */
  coverage: number;
  /** Mean popularity percentile (0–1) of recommended items; 0.5 is what random lists score. */
  popularityBias: number;
}

/** Metrics of one slice of the evaluated users (all, cold users, users with cold test items). */
export interface RecommendSliceDto {
  users: number;
  rmse?: number;
  mae?: number;
  atK: RankingAtKDto[];
}

/** The report of a finished recommender run (RunDetailDto.recommend). */
export interface RecommendReportDto {
  model: RecommendModelId;
  feedback: 'explicit' | 'implicit';
  split: RecommendSplit;
  k: number;
  counts: { users: number; items: number; interactions: number; train: number; test: number; duplicatesMerged: number; skippedRows: number };
  /** Users the ranking metrics were taken over, and how they were chosen (all, or a seeded sample of N). */
  evaluatedUsers: number;
  evaluatedHow: string;
  metrics: RecommendMetricsDto;
  /** All evaluated users, then cold users / cold items where there are any. */
  overall: RecommendSliceDto;
  coldUsers: RecommendSliceDto | null;
  coldItems: RecommendSliceDto | null;
  /** Group recommendations on generated groups, per strategy: mean and minimum member nDCG@k. */
  groups: { strategy: GroupStrategy; kind: 'random' | 'similar'; size: number; groups: number; meanNdcg: number; minNdcg: number }[];
  /** Hybrid: the fitted blend weights per member. */
  blend: { member: RecommendModelId; weight: number }[] | null;
  /** 2-D PCA map of item vectors (models that have them), at most a few thousand items. */
  itemMap: { item: string; x: number; y: number; label: string | null; group: string | null; popularity: number }[] | null;
  /** The item feature the map is coloured by, when item features were given. */
  itemMapColour: string | null;
  notes: string[];
  /** NCF runs: which device trained the network and why the others were not used. Absent on older runs. */
  device?: TrainingDeviceDto;
  /** NCF runs: the network as built (shared/nn's spec, its users and items). Absent on older runs. */
  network?: NetworkSpec | null;
}

/** Result of `recommend.start` once its job ends, as `lathe train --task recommend --json` prints it. */
export interface RecommendOutcomeDto {
  runId: string;
  task: 'recommend';
  model: RecommendModelId;
  metrics: RecommendMetricsDto;
  durationMs: number;
}

/** One recommended item, with why. */
export interface RecommendedItemDto {
  item: string;
  score: number;
  /** A title or name from the item features, when there is one. */
  label: string | null;
  reason: string;
}

/** Answer of `recommend.query` (explorer worker; `lathe recommend`). */
export interface RecommendAnswerDto {
  items: RecommendedItemDto[];
  /** How the list was made: 'known user', 'content from stated preferences', 'popular in segment X', 'group (least-misery)'… */
  how: string;
  /** Groups: each member's predicted score for each listed item (same order as items), and their satisfaction. */
  members: { user: string; scores: number[]; satisfaction: number; known: boolean }[] | null;
  /** The user's own history (most recent or highest first, at most 50), for the side-by-side view. */
  history: { item: string; label: string | null; value: number; time: number | null }[] | null;
  durationMs: number;
}
