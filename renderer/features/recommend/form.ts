import type { ArgsOf } from '../../../shared/api/contract';
import type { ColumnDto } from '../../../shared/api/datasets-dto';
import { paramSchema, type ParamSpec } from '../../../shared/families/define';
import { RECOMMEND_DEFAULTS, RECOMMEND_MODEL_IDS, RECOMMEND_MODEL_SPECS, type RecommendModelId, type RecommendSplit } from '../../../shared/families/recommend';
import { DEFAULT_SEED } from '../../../shared/api/methods/runs';
import { fieldOf, type ParamDef } from '../experiments/form';

type StartArgs = ArgsOf<'recommend.start'>;

/** What the interactions' strength is read from. */
export type FeedbackKind = 'rating' | 'event' | 'count' | 'none';

/** The short parameter form of each recommender: its schema's `form` parameters, at their defaults. */
export const RECOMMEND_PARAMS: Record<RecommendModelId, ParamDef[]> = Object.fromEntries(
  RECOMMEND_MODEL_IDS.map((m) => [m, Object.entries(RECOMMEND_MODEL_SPECS[m].params).filter(([, spec]) => (spec as ParamSpec).form).map(([key, spec]) => fieldOf(key, spec))]),
) as Record<RecommendModelId, ParamDef[]>;

/** One event type and its weight, as typed. */
export interface EventWeight {
  event: string;
  weight: string;
}

export interface RecommendForm {
  dataset: string;
  user: string;
  item: string;
  feedback: FeedbackKind;
  rating: string;
  event: string;
  weights: EventWeight[];
  count: string;
  /** '' = no time column. */
  time: string;
  itemFeatures: string;
  itemKey: string;
  userFeatures: string;
  userKey: string;
  model: RecommendModelId;
  /** Per model, so switching back and forth keeps what was typed. */
  params: Record<RecommendModelId, Record<string, string>>;
  split: RecommendSplit;
  testDataset: string;
  k: string;
  seed: string;
}

const paramDefaults = (m: RecommendModelId) => Object.fromEntries(RECOMMEND_PARAMS[m].map((p) => [p.key, p.value]));

export function emptyRecommendForm(dataset = ''): RecommendForm {
  return {
    dataset,
    user: '',
    item: '',
    feedback: 'none',
    rating: '',
    event: '',
    weights: [],
    count: '',
    time: '',
    itemFeatures: '',
    itemKey: '',
    userFeatures: '',
    userKey: '',
    model: 'mf',
    params: Object.fromEntries(RECOMMEND_MODEL_IDS.map((m) => [m, paramDefaults(m)])) as RecommendForm['params'],
    split: RECOMMEND_DEFAULTS.split,
    testDataset: '',
    k: String(RECOMMEND_DEFAULTS.k),
    seed: String(DEFAULT_SEED),
  };
}

const ID_TYPES = new Set(['integer', 'categorical', 'text']);
const NUMERIC = new Set(['integer', 'float', 'boolean']);
const TIME_TYPES = new Set(['date', 'datetime', 'integer', 'float']);

/** Column names that usually mean each role; the first match wins. */
const NAMES = {
  user: /^(user|customer|member|reader|visitor|client|account|person|buyer|viewer|listener)s?(_?id)?$|^u(id)?$|user/i,
  item: /^(item|product|book|movie|film|song|track|article|sku|hotel|listing|isbn|asin|game|recipe|course|artist|restaurant)s?(_?id)?$|^i(id)?$|item|product|book|movie/i,
  rating: /rating|stars?$|^score$|^grade$|^vote/i,
  event: /event|action|interaction|behaviou?r|^type$|activity/i,
  count: /count|plays|clicks|visits|quantity|^qty$|^n_|views|listens/i,
  time: /time|^ts$|date|when|epoch|timestamp|created|^at$/i,
};

const find = (cols: ColumnDto[], re: RegExp, types: Set<string>, taken: string[]) => cols.find((c) => types.has(c.type) && !taken.includes(c.name) && re.test(c.name))?.name ?? '';

/** Roles read from the column names and types; '' where nothing fits. */
export function proposeRoles(columns: ColumnDto[]): Pick<RecommendForm, 'user' | 'item' | 'feedback' | 'rating' | 'event' | 'count' | 'time'> {
  const user = find(columns, NAMES.user, ID_TYPES, []);
  const item = find(columns, NAMES.item, ID_TYPES, [user]);
  const taken = [user, item];
  const rating = find(columns, NAMES.rating, NUMERIC, taken);
  const event = rating ? '' : find(columns, NAMES.event, new Set(['categorical', 'text']), taken);
  const count = rating || event ? '' : find(columns, NAMES.count, NUMERIC, taken);
  const time = columns.find((c) => (c.type === 'date' || c.type === 'datetime') && !taken.includes(c.name))?.name || find(columns, NAMES.time, TIME_TYPES, [...taken, rating, count]);
  const feedback: FeedbackKind = rating ? 'rating' : event ? 'event' : count ? 'count' : 'none';
  return { user, item, feedback, rating, event, count, time };
}

/** A dataset that looks like interactions: a user and an item column, and a rating, event or count. */
export function looksLikeInteractions(columns: ColumnDto[]): boolean {
  const r = proposeRoles(columns);
  return Boolean(r.user && r.item && r.feedback !== 'none');
}

/** Columns that can take each role. */
export function roleColumns(columns: ColumnDto[]) {
  return {
    ids: columns.filter((c) => ID_TYPES.has(c.type)),
    numbers: columns.filter((c) => NUMERIC.has(c.type)),
    events: columns.filter((c) => c.type === 'categorical' || c.type === 'text' || c.type === 'integer' || c.type === 'boolean'),
    times: columns.filter((c) => TIME_TYPES.has(c.type)),
  };
}

/** Why a split cannot be chosen with the form as it is; null when it can. */
export function splitBlocked(split: RecommendSplit, f: Pick<RecommendForm, 'time'>): string | null {
  if ((split === 'last' || split === 'time') && !f.time) return 'needs a time column (choose one above)';
  return null;
}

/** The event types found, each weighing 1, keeping weights already typed for the same types. */
export function weightsFor(events: string[], typed: EventWeight[] = []): EventWeight[] {
  const known = new Map(typed.map((w) => [w.event, w.weight]));
  return events.map((event) => ({ event, weight: known.get(event) ?? '1' }));
}

/** "view = 1, booking = 5" → rows; the reason it cannot be read otherwise. */
export function parseWeights(text: string): EventWeight[] | string {
  const out: EventWeight[] = [];
  for (const part of text.split(/[,;\n]+/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^(.+?)\s*[=:]\s*(\S+)$/.exec(part);
    if (!m) return `“${part}” is not “event = weight”`;
    out.push({ event: m[1].trim(), weight: m[2] });
  }
  return out;
}

export const weightsText = (w: EventWeight[]) => w.map((x) => `${x.event} = ${x.weight}`).join(', ');

/** Field → message. */
export type FieldErrors = Record<string, string>;

const sentence = (m: string) => m.charAt(0).toUpperCase() + m.slice(1);

/** What can be checked without asking the host. */
export function validateRecommend(f: RecommendForm): FieldErrors {
  const e: FieldErrors = {};
  if (!f.dataset) e.dataset = 'Choose the interactions dataset';
  if (!f.user) e.user = 'Choose the column of user ids';
  if (!f.item) e.item = 'Choose the column of item ids';
  if (f.user && f.user === f.item) e.item = 'The item column must differ from the user column';
  if (f.feedback === 'rating' && !f.rating) e.rating = 'Choose the rating column';
  if (f.feedback === 'count' && !f.count) e.count = 'Choose the count column';
  if (f.feedback === 'event') {
    if (!f.event) e.event = 'Choose the event column';
    else if (f.weights.length === 0) e.weights = 'Give each event type a weight, e.g. view = 1, booking = 5';
    else {
      const bad = f.weights.find((w) => !Number.isFinite(Number(w.weight)) || w.weight.trim() === '');
      if (bad) e.weights = `The weight of “${bad.event}” is not a number`;
    }
  }
  if (f.itemFeatures && !f.itemKey) e.itemKey = 'Choose the column of the item features that holds the item id';
  if (f.userFeatures && !f.userKey) e.userKey = 'Choose the column of the user features that holds the user id';
  if (RECOMMEND_MODEL_SPECS[f.model].needsItemFeatures && !f.itemFeatures) e.itemFeatures = `${RECOMMEND_MODEL_SPECS[f.model].label} needs an item features dataset`;
  const blocked = splitBlocked(f.split, f);
  if (blocked) e.split = `This split ${blocked}`;
  if (f.split === 'test' && !f.testDataset) e.testDataset = 'Choose the test interactions';
  const k = Number(f.k);
  if (!Number.isInteger(k) || k < 1 || k > RECOMMEND_DEFAULTS.maxK) e.k = `A whole number from 1 to ${RECOMMEND_DEFAULTS.maxK}`;
  for (const def of RECOMMEND_PARAMS[f.model]) {
    const text = f.params[f.model][def.key] ?? '';
    const parsed = paramSchema(def.spec).safeParse(text.trim() === '' ? undefined : text);
    if (!parsed.success) e[`params.${def.key}`] = text.trim() === '' ? 'Required' : sentence(parsed.error.issues[0].message);
  }
  const seed = Number(f.seed);
  if (!Number.isInteger(seed) || seed < 0) e.seed = 'A whole number, 0 or more';
  return e;
}

/** The form as `recommend.start` arguments; call only once `validateRecommend` found nothing. */
export function toRecommendArgs(f: RecommendForm): StartArgs {
  // Parameters go as typed; the host checks each against the model's schema and fills the rest.
  const params: Record<string, string> = {};
  for (const def of RECOMMEND_PARAMS[f.model]) params[def.key] = (f.params[f.model][def.key] ?? '').trim();
  return {
    dataset: f.dataset,
    user: f.user,
    item: f.item,
    ...(f.feedback === 'rating' ? { rating: f.rating } : {}),
    ...(f.feedback === 'event' ? { event: f.event, weights: Object.fromEntries(f.weights.map((w) => [w.event, Number(w.weight)])) } : {}),
    ...(f.feedback === 'count' ? { count: f.count } : {}),
    ...(f.time ? { time: f.time } : {}),
    ...(f.itemFeatures ? { itemFeatures: f.itemFeatures, itemKey: f.itemKey } : {}),
    ...(f.userFeatures ? { userFeatures: f.userFeatures, userKey: f.userKey } : {}),
    model: f.model,
    split: f.split,
    ...(f.split === 'test' ? { testDataset: f.testDataset } : {}),
    k: Number(f.k),
    params,
    seed: Number(f.seed),
  };
}

/** A column leaves every other role when it takes one. */
export function withRecommendRole(f: RecommendForm, role: 'user' | 'item' | 'rating' | 'event' | 'count' | 'time', name: string): RecommendForm {
  const next: RecommendForm = { ...f, [role]: name };
  for (const other of ['user', 'item', 'rating', 'event', 'count', 'time'] as const) if (other !== role && next[other] === name && name) next[other] = '';
  if (!next.time && (next.split === 'last' || next.split === 'time')) next.split = 'random';
  return next;
}
