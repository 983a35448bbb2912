/**
 * Item and user attributes from a features dataset, joined to the engine's indices by a key column.
 * Columns become the engine's feature kinds by type: categorical → categories, text → text, numeric
 * and boolean → numbers, and any categorical or text column whose values hold '|' → tags ("a|b|c").
 * Dates are left out (named in `ignored`).
 */
import type { Database } from 'better-sqlite3';
import { ApiError } from '../../../shared/api/errors';
import type { ColumnDto } from '../../../shared/api/datasets-dto';
import type { ItemFeatures, UserFeatures } from '../../../models/recommend/types';
import { idText, mapIds } from '../../../models/recommend/data';
import { colIdent, type Cell } from '../db/dataset-tables';
import { DatasetsRepo } from '../db/repos/datasets-repo';

export type FeatureRole = 'itemFeatures' | 'userFeatures';

const NUMERIC = new Set(['integer', 'float', 'boolean']);
const WORDY = new Set(['categorical', 'text']);
const TAG_SEPARATOR = '|';

export interface FeatureRead<F> {
  features: F;
  /** Ids (of the index space) that found a row. */
  matched: number;
  /** Rows whose key repeats an earlier row's (the first row wins). */
  duplicateKeys: number;
  /** Feature columns by kind, for the report. */
  kinds: { categories: string[]; tags: string[]; numbers: string[]; text: string[] };
  ignored: string[];
}

const keyField = (role: FeatureRole) => (role === 'itemFeatures' ? 'itemKey' : 'userKey');

/** The key column of a features dataset, checked. */
export function featureKey(columns: readonly ColumnDto[], key: string, role: FeatureRole): ColumnDto {
  const c = columns.find((x) => x.name === key);
  const what = role === 'itemFeatures' ? 'item' : 'user';
  if (!c) throw new ApiError('bad_request', `The ${what} features dataset has no column '${key}' (the ${keyField(role)})`, { field: keyField(role) });
  return c;
}

function kindsOf(columns: readonly ColumnDto[], rows: Cell[][], key: ColumnDto): FeatureRead<unknown>['kinds'] & { ignored: string[] } {
  const out = { categories: [] as string[], tags: [] as string[], numbers: [] as string[], text: [] as string[], ignored: [] as string[] };
  columns.forEach((c, j) => {
    if (c.position === key.position) return;
    if (NUMERIC.has(c.type)) out.numbers.push(c.name);
    else if (WORDY.has(c.type)) {
      const tagged = rows.some((r) => typeof r[j] === 'string' && (r[j] as string).includes(TAG_SEPARATOR));
      (tagged ? out.tags : c.type === 'text' ? out.text : out.categories).push(c.name);
    } else out.ignored.push(c.name);
  });
  return out;
}

/** Reads every row of a features dataset and lays its columns along `ids` (the engine's index order). */
function readAligned(db: Database, datasetId: string, key: string, ids: readonly string[], role: FeatureRole) {
  const repo = new DatasetsRepo(db);
  const columns = repo.columns(datasetId);
  const keyCol = featureKey(columns, key, role);
  const { table } = repo.table(datasetId);
  const rows = db.prepare(`SELECT ${columns.map((c) => colIdent(c.position)).join(', ')} FROM "${table}" ORDER BY rowid`).raw().all() as Cell[][];
  const index = mapIds(ids);
  const rowOf = new Int32Array(ids.length).fill(-1);
  let duplicateKeys = 0;
  let matched = 0;
  const keyAt = columns.indexOf(keyCol);
  rows.forEach((r, i) => {
    const text = idText(r[keyAt]);
    const at = text === null ? undefined : index.get(text);
    if (at === undefined) return;
    if (rowOf[at] >= 0) duplicateKeys++;
    else {
      rowOf[at] = i;
      matched++;
    }
  });
  const kinds = kindsOf(columns, rows, keyCol);
  const col = (name: string) => columns.findIndex((c) => c.name === name);
  const cell = (name: string) => {
    const j = col(name);
    return (u: number): Cell => (rowOf[u] < 0 ? null : rows[rowOf[u]][j]);
  };
  const strings = (name: string) => {
    const at = cell(name);
    return ids.map((_, u) => {
      const v = at(u);
      return v === null || v === '' ? null : String(v);
    });
  };
  const numbers = (name: string) => {
    const at = cell(name);
    return Float64Array.from(ids, (_, u) => {
      const v = at(u);
      if (v === null || v === '') return NaN;
      const n = typeof v === 'number' ? v : Number(v);
      return Number.isFinite(n) ? n : NaN;
    });
  };
  return { kinds, matched, duplicateKeys, strings, numbers };
}

export function readItemFeatures(db: Database, datasetId: string, key: string, items: readonly string[]): FeatureRead<ItemFeatures> {
  const r = readAligned(db, datasetId, key, items, 'itemFeatures');
  const { ignored, ...kinds } = r.kinds;
  const features: ItemFeatures = {
    categories: Object.fromEntries(kinds.categories.map((c) => [c, r.strings(c)])),
    tags: Object.fromEntries(kinds.tags.map((c) => [c, r.strings(c).map((v) => (v === null ? [] : v.split(TAG_SEPARATOR).map((t) => t.trim()).filter(Boolean)))])),
    numbers: Object.fromEntries(kinds.numbers.map((c) => [c, r.numbers(c)])),
    text: Object.fromEntries(kinds.text.map((c) => [c, r.strings(c)])),
  };
  return { features, matched: r.matched, duplicateKeys: r.duplicateKeys, kinds, ignored };
}

/** User features hold categories and numbers; tags and text columns count as categories. */
export function readUserFeatures(db: Database, datasetId: string, key: string, users: readonly string[]): FeatureRead<UserFeatures> {
  const r = readAligned(db, datasetId, key, users, 'userFeatures');
  const { ignored, ...kinds } = r.kinds;
  const categorical = [...kinds.categories, ...kinds.tags, ...kinds.text];
  const features: UserFeatures = {
    categories: Object.fromEntries(categorical.map((c) => [c, r.strings(c)])),
    numbers: Object.fromEntries(kinds.numbers.map((c) => [c, r.numbers(c)])),
  };
  if (kinds.categories[0] !== undefined) features.segment = kinds.categories[0];
  return { features, matched: r.matched, duplicateKeys: r.duplicateKeys, kinds: { ...kinds, categories: categorical, tags: [], text: [] }, ignored };
}
