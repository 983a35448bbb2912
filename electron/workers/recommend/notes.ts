/** What a recommender run did that the user should know, in a sentence each. */
import type { RecommendJobArgs } from '../../../shared/api/jobs';
import { RECOMMEND_DEFAULTS, RECOMMEND_SPLITS } from '../../../shared/families/recommend';
import type { RecommendEvaluation } from '../../../models/recommend/metrics';
import type { RecommendInput } from './read-input';

const n = (x: number) => x.toLocaleString('en-US');
const plural = (x: number, one: string, many = `${one}s`) => `${n(x)} ${x === 1 ? one : many}`;

export function runNotes(a: RecommendJobArgs, input: RecommendInput, ev: RecommendEvaluation): string[] {
  const notes: string[] = [];
  const { train, test } = input.split;
  const how =
    a.split === 'test' ? 'the test dataset' : a.split === 'random' ? `a random ${RECOMMEND_DEFAULTS.testShare * 100} % of each user's interactions (seed ${a.seed})`
      : a.split === 'last' ? `each user's last ${plural(RECOMMEND_DEFAULTS.lastN, 'interaction')} by '${a.time}'` : `the last ${RECOMMEND_DEFAULTS.testShare * 100} % of the time range of '${a.time}'`;
  notes.push(`Scored on ${plural(test.user.length, 'held-out interaction')}: ${how} (${RECOMMEND_SPLITS[a.split].replace(/\.$/, '').toLowerCase()}).`);
  const relevance = ev.relevantThreshold === null ? 'every held-out interaction counts as relevant' : `a held-out rating of ${Number(ev.relevantThreshold.toPrecision(4))} or more counts as relevant`;
  notes.push(`Lists rank the whole catalogue without the user's training items; ${relevance}.`);
  if (ev.sample.capped) notes.push(`Ranking metrics over a seeded sample of ${n(ev.sample.evaluated)} of ${n(ev.sample.eligible)} users (at most ${n(RECOMMEND_DEFAULTS.maxEvalUsers)}).`);
  if (input.merged > 0) {
    const rule = train.explicit ? `their ratings averaged (${RECOMMEND_DEFAULTS.duplicates.explicit})` : `their weights summed (${RECOMMEND_DEFAULTS.duplicates.implicit})`;
    notes.push(`${plural(input.merged, 'repeated (user, item) row')} merged into earlier ones, ${rule}.`);
  }
  const s = input.skipped;
  if (s.user + s.item + s.value > 0) {
    const parts = [s.user && `${n(s.user)} without a user`, s.item && `${n(s.item)} without an item`, s.value && `${n(s.value)} without a value`].filter(Boolean);
    notes.push(`${plural(s.user + s.item + s.value, 'row')} left out: ${parts.join(', ')}.`);
  }
  if (input.timeUnit === 'seconds') notes.push(`'${a.time}' read as Unix seconds.`);
  const coldUsers = input.split.coldUsers.reduce((x, c) => x + c, 0);
  const coldItems = input.split.coldItems.reduce((x, c) => x + c, 0);
  if (coldUsers > 0) notes.push(`${plural(coldUsers, 'test user')} had no training interactions (cold users).`);
  if (coldItems > 0) notes.push(`${plural(coldItems, 'test item')} never appeared in training (cold items): no model without item features can rank them.`);
  for (const [what, f] of [['item', input.itemFeatures], ['user', input.userFeatures]] as const) {
    if (!f) continue;
    const total = what === 'item' ? input.all.items.length : input.all.users.length;
    notes.push(`${what === 'item' ? 'Item' : 'User'} features found for ${n(f.matched)} of ${plural(total, what)}.`);
    if (f.duplicateKeys > 0) notes.push(`${plural(f.duplicateKeys, `${what} features row`)} repeated an earlier key and were left out.`);
    if (f.ignored.length) notes.push(`${what === 'item' ? 'Item' : 'User'} feature columns left out (dates): ${f.ignored.join(', ')}.`);
  }
  return notes;
}
