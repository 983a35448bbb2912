import type { ColumnDto } from '../../../shared/api/datasets-dto';
import { api } from '../../api/client';

/** A feature someone new can state a preference on. */
export interface PreferenceField {
  column: string;
  /** Whose feature it is: items' (content) or users' (the segment popularity falls back to). */
  of: 'item' | 'user';
  /** values: pick from the listed ones; bound: a number range such as "<=20"; words: free text. */
  kind: 'values' | 'bound' | 'words';
  values: string[];
}

/** Values offered per feature. */
const MAX_VALUES = 24;
/** Values read per column to find them (tags are split out of these). */
const READ_VALUES = 200;
/** Longer values than this on average are prose: typed as words, not picked. */
const PROSE_LENGTH = 40;
const TAG_SEPARATOR = /\s*[|;]\s*/;

/**
 * The distinct values to offer from a column's most frequent ones: tag lists ("fantasy|classic") are
 * split into their tags, counted again and ranked by how often they occur.
 */
export function offeredValues(values: { value: string | number | null; count: number }[], max = MAX_VALUES): string[] {
  return rankedValues(values)
    .slice(0, max)
    .map(([v]) => v);
}

/** Each value (tags split out) with how often it occurs, most frequent first. */
function rankedValues(values: { value: string | number | null; count: number }[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const v of values) {
    if (v.value === null) continue;
    const text = String(v.value);
    for (const part of text.split(TAG_SEPARATOR).map((p) => p.trim()).filter(Boolean)) counts.set(part, (counts.get(part) ?? 0) + v.count);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** A numeric bound as the model reads it: "20" or "<=20" (at most), ">=5" (at least), "5..20" (between). */
export function boundProblem(text: string): string | null {
  const t = text.trim();
  if (!t) return null;
  if (/^(<=|>=)?\s*-?\d+(\.\d+)?$/.test(t) || /^-?\d+(\.\d+)?\s*\.\.\s*-?\d+(\.\d+)?$/.test(t)) return null;
  return 'A number, <=N, >=N or N..M';
}

async function fieldsOf(datasetId: string, key: string, of: 'item' | 'user'): Promise<PreferenceField[]> {
  const d = await api.invoke('datasets.get', { id: datasetId });
  const cols = d.columnsDetail.filter((c) => c.name !== key);
  const out: PreferenceField[] = [];
  for (const c of cols) {
    const field = await fieldOf(datasetId, c, of);
    if (field) out.push(field);
  }
  return out;
}

async function fieldOf(datasetId: string, c: ColumnDto, of: 'item' | 'user'): Promise<PreferenceField | null> {
  if (c.type === 'integer' || c.type === 'float') return of === 'item' ? { column: c.name, of, kind: 'bound', values: [] } : null;
  if (c.type !== 'categorical' && c.type !== 'text' && c.type !== 'boolean') return null;
  const { values } = await api.invoke('datasets.columnValues', { id: datasetId, position: c.position, limit: READ_VALUES });
  const texts = values.filter((v) => v.value !== null);
  // Prose is long between separators; a tag list is long only as a whole.
  const parts = texts.flatMap((v) => String(v.value).split(TAG_SEPARATOR));
  const meanLength = parts.reduce((s, p) => s + p.length, 0) / Math.max(1, parts.length);
  if (meanLength > PROSE_LENGTH) return of === 'item' ? { column: c.name, of, kind: 'words', values: [] } : null;
  // Titles and names (every value, tags split out, once) are not preferences one picks from a list.
  const ranked = rankedValues(texts);
  if (ranked.length > 1 && ranked[0][1] <= 1) return null;
  const offered = offeredValues(texts);
  return offered.length ? { column: c.name, of, kind: 'values', values: offered } : null;
}

/** What someone new can state, read from the run's item (and user) features; none without features. */
export async function preferenceOptions(runId: string): Promise<PreferenceField[]> {
  const run = await api.invoke('runs.get', { id: runId });
  const spec = run.recommendSpec;
  if (!spec) return [];
  const items = spec.itemFeatures && spec.itemKey ? await fieldsOf(spec.itemFeatures, spec.itemKey, 'item') : [];
  const users = spec.userFeatures && spec.userKey ? await fieldsOf(spec.userFeatures, spec.userKey, 'user') : [];
  return [...items, ...users.filter((f) => f.kind === 'values')];
}
