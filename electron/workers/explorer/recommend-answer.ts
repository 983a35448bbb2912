/**
 * Answers `recommend.query` from a loaded recommender: a user's top k without what they already have, a
 * group's list under a strategy with each member's scores and satisfaction, items like one item, or a
 * list for someone new from stated preferences. Unknown users go through the engine's cold-start chain
 * and the answer says which path it took.
 */
import { ApiError } from '../../../shared/api/errors';
import type { RecommendQuery } from '../../../shared/api/methods/recommend';
import type { RecommendAnswerDto, RecommendedItemDto } from '../../../shared/api/recommend-dto';
import { coldStartScores, recommendCold, type ColdStartScores } from '../../../models/recommend/coldStart';
import { recommendForGroup } from '../../../models/recommend/groups';
import type { RecommendModel } from './recommend-model';
import { knownUserReason, labelOf, nameOf, popularReason, preferenceReason, sharedReason } from './recommend-reasons';

export type RecommendAsk = Omit<RecommendQuery, 'model'>;

/** History entries shown beside a user's list. */
const HISTORY_SHOWN = 50;

type Answer = Omit<RecommendAnswerDto, 'durationMs'>;

function historyOf(m: RecommendModel, user: number): Map<number, number> {
  const out = new Map<number, number>();
  if (user < 0 || user >= m.rows.start.length - 1) return out;
  for (let p = m.rows.start[user]; p < m.rows.start[user + 1]; p++) out.set(m.rows.item[p], m.rows.value[p]);
  return out;
}

/** Most recent first with a time column, else highest value first. */
function historyRows(m: RecommendModel, user: number): NonNullable<RecommendAnswerDto['history']> {
  const { start, item, value, at } = m.rows;
  const time = m.data.time;
  const rows: NonNullable<RecommendAnswerDto['history']> = [];
  for (let p = start[user]; p < start[user + 1]; p++) {
    const t = time ? time[at[p]] : NaN;
    rows.push({ item: m.data.items[item[p]], label: labelOf(m, item[p]), value: value[p], time: Number.isFinite(t) ? t : null });
  }
  rows.sort((a, b) => (b.time ?? -Infinity) - (a.time ?? -Infinity) || b.value - a.value || (a.item < b.item ? -1 : 1));
  return rows.slice(0, HISTORY_SHOWN);
}

const itemDto = (m: RecommendModel, item: number, score: number, reason: string): RecommendedItemDto => ({
  item: m.data.items[item], score, label: labelOf(m, item), reason,
});

/** The reason of an item on a cold list, by the path that made it. */
function coldReason(m: RecommendModel, r: ColdStartScores, item: number, prefer: Readonly<Record<string, string[]>>): string {
  if (r.path === 'content') return preferenceReason(m, item, prefer) ?? 'Like what was asked for';
  if (r.path === 'segment') return popularReason(m, item, r.description.replace(/^popular /, ''));
  if (r.path === 'overall') return popularReason(m, item, null);
  return r.description;
}

function forUser(m: RecommendModel, id: string, k: number): Answer {
  const user = m.userIndex.get(id) ?? -1;
  // A known user needs only the model: the cold parts are fitted the first time someone new asks.
  const models = user >= 0 && m.known(user) ? { main: m.model, known: m.known } : m.cold();
  const history = historyOf(m, user);
  const r = recommendCold(models, { user: user >= 0 ? user : null, history }, k);
  if (!r.scores) throw new ApiError('bad_request', `Nothing to recommend to '${id}': ${r.description}`, { field: 'user' });
  const known = r.path === 'model';
  const items = r.items.map(({ item, score }) => itemDto(m, item, score, known ? knownUserReason(m, user, item, score) : coldReason(m, r, item, {})));
  const how = known ? r.description : `${user >= 0 ? 'user without training interactions' : `unknown user '${id}'`}: ${r.description}`;
  return { items, how, members: null, history: user >= 0 ? historyRows(m, user) : [] };
}

function checkPreferences(m: RecommendModel, prefer: Readonly<Record<string, string[]>>): void {
  const kinds = m.itemFeatures?.kinds;
  const known = new Set([
    ...(kinds ? [...kinds.categories, ...kinds.tags, ...kinds.numbers, ...kinds.text, 'tags', 'text', 'words'] : []),
    ...Object.keys(m.userFeatures?.features.categories ?? {}),
  ]);
  const unknown = Object.keys(prefer).filter((key) => !known.has(key));
  if (!unknown.length) return;
  const has = known.size ? `it has ${[...known].join(', ')}` : 'the run has no item or user features to state preferences on';
  throw new ApiError('bad_request', `Preferences name feature columns: no '${unknown.join("', '")}' (${has})`, { field: 'prefer' });
}

function forPreferences(m: RecommendModel, prefer: Record<string, string[]>, k: number): Answer {
  checkPreferences(m, prefer);
  const r = recommendCold(m.cold(), { prefer }, k);
  if (!r.scores) throw new ApiError('bad_request', `Nothing to recommend from these preferences: ${r.description}`, { field: 'prefer' });
  return { items: r.items.map(({ item, score }) => itemDto(m, item, score, coldReason(m, r, item, prefer))), how: r.description, members: null, history: null };
}

function forSimilar(m: RecommendModel, id: string, k: number): Answer {
  const item = m.itemIndex.get(id);
  if (item === undefined || item >= m.model.items.length) throw new ApiError('bad_request', `The model has no item '${id}'`, { field: 'similarTo' });
  const content = m.cold().content;
  const from = m.model.similar ? m.model : content?.similar ? content : null;
  if (!from) throw new ApiError('bad_request', `A ${m.model.model} model has no notion of similar items and the run has no item features to compare`, { field: 'similarTo' });
  const near = from.similar!(item, k).filter((s) => s.item !== item && Number.isFinite(s.score));
  return {
    items: near.map((s) => itemDto(m, s.item, s.score, sharedReason(m, item, s.item, s.score))),
    how: `items similar to ${nameOf(m, item)} (${from.model})`,
    members: null,
    history: null,
  };
}

/** Cold scores moved onto the known members' scale (their pooled mean and spread), so strategies compare like with like. */
function onScale(scores: Float32Array, like: Float32Array[]): Float32Array {
  const stats = (xs: Float32Array[]) => {
    let n = 0, sum = 0, sq = 0;
    for (const s of xs) for (const x of s) if (Number.isFinite(x)) { n++; sum += x; sq += x * x; }
    const mean = n ? sum / n : 0;
    return { mean, std: n ? Math.sqrt(Math.max(0, sq / n - mean * mean)) : 0 };
  };
  if (!like.length) return scores;
  const from = stats([scores]);
  const to = stats(like);
  return scores.map((x) => (Number.isFinite(x) ? to.mean + (from.std > 0 ? ((x - from.mean) / from.std) * to.std : 0) : x));
}

function forGroup(m: RecommendModel, ids: string[], strategy: RecommendAsk['strategy'], k: number): Answer {
  const twice = ids.find((u, i) => ids.indexOf(u) !== i);
  if (twice) throw new ApiError('bad_request', `'${twice}' is in the group twice`, { field: 'group' });
  const exclude = new Set<number>();
  const members = ids.map((id) => {
    const user = m.userIndex.get(id) ?? -1;
    const history = historyOf(m, user);
    for (const i of history.keys()) exclude.add(i);
    const models = user >= 0 && m.known(user) ? { main: m.model, known: m.known } : m.cold();
    const r = coldStartScores(models, { user: user >= 0 ? user : null, history });
    if (!r.scores) throw new ApiError('bad_request', `Nothing to recommend to group member '${id}': ${r.description}`, { field: 'group' });
    return { id, known: r.path === 'model', how: r.description, scores: Float32Array.from(r.scores) };
  });
  const knownScores = members.filter((x) => x.known).map((x) => x.scores);
  const scores = members.map((x) => (x.known ? x.scores : onScale(x.scores, knownScores)));
  // Members' scores are ranking scores (not ratings on the scale): the misery threshold is taken over them.
  const list = recommendForGroup(scores, { strategy, k, exclude });
  const short = (x: number) => x.toPrecision(3);
  const items = list.items.map((p) => {
    const per = p.members.map((s, j) => ({ id: ids[j], score: s.score }));
    const shown = per.length <= 4 ? per : [...per].sort((a, b) => b.score - a.score).filter((_, j, all) => j === 0 || j === all.length - 1);
    return itemDto(m, p.item, p.score, `${list.strategy}: ${shown.map((s) => `${s.id} ${short(s.score)}`).join(' · ')}`);
  });
  const last = list.items.at(-1);
  const unknown = members.filter((x) => !x.known);
  const coldNote = unknown.length ? `; ${unknown.length} member${unknown.length === 1 ? '' : 's'} the model does not know (${[...new Set(unknown.map((x) => x.how))].join(', ')})` : '';
  return {
    items,
    how: `group of ${ids.length} (${list.strategy})${coldNote}`,
    members: members.map((x, j) => ({ user: x.id, scores: list.items.map((p) => p.members[j].score), satisfaction: last ? last.members[j].satisfaction : 0, known: x.known })),
    history: null,
  };
}

export function answerRecommend(m: RecommendModel, q: RecommendAsk): RecommendAnswerDto {
  const t0 = performance.now();
  let a: Answer;
  if (q.user !== undefined) a = forUser(m, q.user, q.k);
  else if (q.group !== undefined) a = forGroup(m, q.group, q.strategy, q.k);
  else if (q.similarTo !== undefined) a = forSimilar(m, q.similarTo, q.k);
  else if (q.prefer !== undefined) a = forPreferences(m, q.prefer, q.k);
  else throw new ApiError('bad_request', 'Say whom to recommend for: a user, a group, an item (similarTo) or stated preferences (prefer)', { field: 'user' });
  return { ...a, durationMs: performance.now() - t0 };
}

/** Users whose id contains `search` (case aside), those it starts first, then by interactions. */
export function searchUsers(m: RecommendModel, search: string, limit: number): { users: { user: string; interactions: number }[] } {
  const s = search.toLowerCase();
  const hits: { user: string; interactions: number; prefix: boolean }[] = [];
  m.data.users.forEach((id, u) => {
    const at = s ? id.toLowerCase().indexOf(s) : 0;
    if (at < 0) return;
    hits.push({ user: id, interactions: m.rows.start[u + 1] - m.rows.start[u], prefix: at === 0 });
  });
  hits.sort((a, b) => Number(b.prefix) - Number(a.prefix) || b.interactions - a.interactions || (a.user < b.user ? -1 : a.user > b.user ? 1 : 0));
  return { users: hits.slice(0, limit).map(({ user, interactions }) => ({ user, interactions })) };
}
