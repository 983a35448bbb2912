/**
 * The fallback chain for someone the model may not know, usable with any model: a known user gets the
 * model's own scores; otherwise the content model from their history and stated preferences, then the
 * model's own cold scoring from their history (item-knn and the like), then popularity in their segment,
 * then popularity overall. Each answer says which path it took, in words people read. A model that lends
 * its parts (the hybrid's coldStartParts) supplies content, popularity and its history scorer itself.
 */
import { topK } from './ranking';
import type { ColdStartParts, Recommender } from './types';

export interface ColdUser {
  /** The user's index in the main model, when it knows them. */
  user?: number | null;
  /** Items they interacted with (index → rating or weight). */
  history?: ReadonlyMap<number, number>;
  /** Stated preferences: category values, tags, words, numeric bounds (see the content model). */
  prefer?: Readonly<Record<string, string[]>>;
  /** Their value of the user-feature column popularity is segmented by. */
  segment?: { column: string; value: string } | null;
}

export interface ColdStartModels {
  main: Recommender;
  content?: Recommender | null;
  /** A popularity model; its scoreCold ranks a segment named in the preferences, or everyone. */
  popularity?: Recommender | null;
  /** Whether the main model trained on a user (default: any index it has). */
  known?: (user: number) => boolean;
}

/** A model that lends its own parts (the hybrid) fills what the caller left out. */
function withParts(models: ColdStartModels): ColdStartModels & { history: Pick<Recommender, 'model' | 'scoreCold'> } {
  const main = models.main as Recommender & { coldStartParts?: () => ColdStartParts };
  const parts = main.coldStartParts?.();
  return {
    main,
    content: models.content ?? parts?.content ?? null,
    popularity: models.popularity ?? parts?.popularity ?? null,
    known: models.known ?? (parts ? (u) => parts.known(u) : (u) => u >= 0 && u < main.users.length),
    history: parts ? parts.history ?? { model: main.model } : main,
  };
}

export type ColdStartPath = 'model' | 'content' | 'history' | 'segment' | 'overall' | 'none';

export interface ColdStartScores {
  /** A score per item (higher is better; −Infinity: filtered out), null when nothing could score. */
  scores: Float32Array | null;
  path: ColdStartPath;
  /** E.g. "content from stated preferences", "popular in segment country FR", "popular overall". */
  description: string;
}

function sameScores(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i] || (Number.isNaN(x) && Number.isNaN(b[i])));
}

function contentWords(nItems: number, hasPrefer: boolean): string {
  const items = nItems ? `${nItems} item${nItems === 1 ? '' : 's'}` : '';
  return `content from ${[items, hasPrefer ? 'stated preferences' : ''].filter(Boolean).join(' and ')}`;
}

/** Popularity within the user's segment when one is named and known, else null. */
function segmentScores(pop: Recommender, who: ColdUser, overall: Float32Array): ColdStartScores | null {
  const tries: { column: string; value: string }[] = [];
  if (who.segment) tries.push(who.segment);
  for (const [column, values] of Object.entries(who.prefer ?? {})) if (values.length) tries.push({ column, value: values[0] });
  for (const seg of tries) {
    const scores = pop.scoreCold!(new Map(), { [seg.column]: [seg.value] });
    if (scores && !sameScores(scores, overall)) return { scores, path: 'segment', description: `popular in segment ${seg.column} ${seg.value}` };
  }
  return null;
}

export function coldStartScores(models: ColdStartModels, who: ColdUser): ColdStartScores {
  const { main, content, popularity, known, history: byHistory } = withParts(models);
  if (who.user != null && known!(who.user)) {
    return { scores: main.scoreAll(who.user), path: 'model', description: `${main.model} for a known user` };
  }
  const history = who.history ?? new Map<number, number>();
  const prefer = who.prefer ?? {};
  const hasPrefer = Object.values(prefer).some((v) => v.length > 0);
  const fromContent = content?.scoreCold?.(history, prefer) ?? null;
  if (fromContent && fromContent.some(Number.isFinite)) {
    return { scores: fromContent, path: 'content', description: contentWords(history.size, hasPrefer) };
  }
  if (history.size > 0 && byHistory.model !== 'content' && byHistory.model !== 'popularity') {
    const fromHistory = byHistory.scoreCold?.(history, prefer) ?? null;
    if (fromHistory) return { scores: fromHistory, path: 'history', description: `${byHistory.model} from ${history.size} item${history.size === 1 ? '' : 's'}` };
  }
  if (popularity?.scoreCold) {
    const overall = popularity.scoreCold(new Map(), {});
    if (overall) return segmentScores(popularity, who, overall) ?? { scores: overall, path: 'overall', description: 'popular overall' };
  }
  return { scores: null, path: 'none', description: 'no model could score this user' };
}

/** The top k of the chain's scores, leaving out what the user already has. */
export function recommendCold(models: ColdStartModels, who: ColdUser, k: number): ColdStartScores & { items: { item: number; score: number }[] } {
  const r = coldStartScores(models, who);
  const seen = new Set(who.history?.keys() ?? []);
  const items = r.scores ? topK(r.scores, k, seen).map((item) => ({ item, score: r.scores![item] })) : [];
  return { ...r, items };
}
