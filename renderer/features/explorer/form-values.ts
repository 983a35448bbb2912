import type { ExplorerInputDto, ExplorerValue } from '../../../shared/api/methods/explorer';

/**
 * The what-if form as typed: one string per input (a number box's text, a date as YYYY-MM-DD, a
 * category), or null where the user marked the value missing.
 */
export type Draft = Record<string, string | null>;

/** Epoch milliseconds → "YYYY-MM-DD" (UTC, as the importer stores dates). */
export const toDateText = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const fromDateText = (text: string): number | null => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(ms) ? ms : null;
};

/** The text a field starts with: the schema's default (median or most frequent value). */
export function defaultText(input: ExplorerInputDto): string | null {
  const d = input.default;
  if (d === null || d === undefined) return null;
  if (input.kind === 'date') return typeof d === 'number' ? toDateText(d) : String(d).slice(0, 10);
  return String(d);
}

export function defaultDraft(inputs: ExplorerInputDto[]): Draft {
  return Object.fromEntries(inputs.map((i) => [i.column, defaultText(i)]));
}

/** Why a field's text cannot be sent, or null when it can. */
export function fieldProblem(input: ExplorerInputDto, text: string | null): string | null {
  if (text === null) return null;
  if (input.kind === 'numeric' && (text.trim() === '' || !Number.isFinite(Number(text)))) return 'Enter a number, or mark the value missing.';
  if (input.kind === 'date' && fromDateText(text) === null) return 'Enter a date, or mark the value missing.';
  return null;
}

/** Whether a value lies outside what the model saw in training (allowed, but worth a flag). */
export function outsideRange(input: ExplorerInputDto, text: string | null): boolean {
  if (text === null || fieldProblem(input, text)) return false;
  const x = input.kind === 'numeric' ? Number(text) : input.kind === 'date' ? fromDateText(text) : null;
  if (x === null) return false;
  return (input.min !== null && x < input.min) || (input.max !== null && x > input.max);
}

/** One request row: numbers for numeric fields, epoch ms for dates, strings for the rest, null for missing. */
export function toRow(inputs: ExplorerInputDto[], draft: Draft): { row: Record<string, ExplorerValue>; problems: string[] } {
  const row: Record<string, ExplorerValue> = {};
  const problems: string[] = [];
  for (const input of inputs) {
    const text = draft[input.column] ?? null;
    if (fieldProblem(input, text)) {
      problems.push(input.column);
      continue;
    }
    if (text === null) row[input.column] = null;
    else if (input.kind === 'numeric') row[input.column] = Number(text);
    else if (input.kind === 'date') row[input.column] = fromDateText(text);
    else row[input.column] = text;
  }
  return { row, problems };
}

/** The number a slider shows: the typed value kept inside the slider's track. */
export function sliderValue(input: ExplorerInputDto, text: string | null): number {
  const lo = input.min ?? 0;
  const hi = input.max ?? lo;
  const x = text === null ? NaN : Number(text);
  if (!Number.isFinite(x)) return input.median ?? lo;
  return Math.min(hi, Math.max(lo, x));
}

/** The form's texts for a dataset row's values (explorer.rows): numbers as typed, dates as days, the rest as is. */
export function draftFromValues(inputs: ExplorerInputDto[], values: Record<string, ExplorerValue>): Draft {
  return Object.fromEntries(
    inputs.map((input) => {
      const v = values[input.column];
      if (v === null || v === undefined) return [input.column, null];
      if (input.kind === 'date' && typeof v === 'number') return [input.column, toDateText(v)];
      return [input.column, String(v)];
    }),
  );
}
