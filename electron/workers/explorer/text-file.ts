/**
 * Batch predictions of a CSV of texts with a text model, in the explorer's worker (the export
 * job's onnxruntime path has no graph for the text engine). The answer is the CSV with the same
 * prediction columns the export job adds, for a download.
 */
import fs from 'node:fs';
import Papa from 'papaparse';
import { ApiError } from '../../../shared/api/errors';
import type { PredictionFileDto } from '../../../shared/api/methods/explorer';
import type { ExplorerModel } from './explorer-model';
import { predictTextRows } from './text-predict';

/** Texts are short; a file this large is a mistake better said than waited on. */
export const MAX_TEXT_FILE_BYTES = 50 * 1024 * 1024;
const CHUNK = 2000;
/** Probabilities with 7 significant digits, as many as the export job's float32 ones carry. */
const num = (v: number | null | undefined) => (v === null || v === undefined || Number.isNaN(v) ? '' : String(Number(v.toPrecision(7))));

export async function predictTextFile(m: ExplorerModel, file: string, displayName: string): Promise<PredictionFileDto> {
  const view = m.text;
  if (!view) throw new ApiError('bad_request', `${m.runName} is not a text model: its batch predictions run as a job (models.predict)`, { field: 'model' });
  const size = fs.statSync(file).size;
  if (size > MAX_TEXT_FILE_BYTES) throw new ApiError('bad_request', `${displayName} is ${(size / 1e6).toFixed(0)} MB; a CSV of texts can be at most ${MAX_TEXT_FILE_BYTES / 1e6} MB here`, { field: 'input' });
  const parsed = Papa.parse<string[]>(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  const [rawHeader, ...rows] = parsed.data;
  const header = (rawHeader ?? []).map((h) => h.trim());
  const j = header.indexOf(view.column);
  if (j < 0) throw new ApiError('bad_request', `${displayName} lacks the column the model needs: ${view.column}`, { field: 'input' });
  const classes = m.artifact.classes?.map(String) ?? null;
  const added = classes ? [`predicted_${m.artifact.target}`, ...classes.map((c) => `probability_${c}`)] : [`predicted_${m.artifact.target}`];
  const lines = [Papa.unparse([[...header, ...added]], { header: false })];
  for (let from = 0; from < rows.length; from += CHUNK) {
    const chunk = rows.slice(from, from + CHUNK);
    const { predictions } = await predictTextRows(m, view, chunk.map((r) => ({ [view.column]: r[j] ?? null })), false);
    const out = chunk.map((r, i) => {
      const p = predictions[i];
      const extra = classes ? [p.label ?? '', ...classes.map((c) => num(p.probabilities?.[c]))] : [num(p.value)];
      return [...r, ...extra];
    });
    lines.push(Papa.unparse(out, { header: false, newline: '\n' }));
  }
  const base = displayName.replace(/\.[^.]*$/, '');
  return { fileName: `${base}-predictions.csv`, rows: rows.length, text: lines.join('\n') + '\n' };
}
