/**
 * A plan's new data: a file (or a folder's newest data file) re-read and imported as the next version
 * of the champion's dataset (an unchanged file writes nothing), or a dataset's newest version.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PlanSource } from '../../../shared/automation/plan';
import type { HostContext } from '../handlers/types';
import { importDefaults, startImport } from '../datasets/dataset-service';

/** An expected failure of a plan run: recorded with its reason, retried at the next trigger. */
export class PlanFailure extends Error {}

const DATA_FILE = /\.(csv|tsv|txt|jsonl|ndjson|parquet)$/i;

/** The file a source reads now; a vanished file or an empty folder is a PlanFailure naming it. */
export function sourceFile(source: Extract<PlanSource, { kind: 'file' }>): string {
  const p = path.resolve(source.path);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch {
    throw new PlanFailure(`The source ${p} is gone (no such file or folder); the plan tries again at its next trigger`);
  }
  if (!stat.isDirectory()) return p;
  const newest = fs
    .readdirSync(p, { withFileTypes: true })
    .filter((e) => e.isFile() && DATA_FILE.test(e.name))
    .map((e) => ({ file: path.join(p, e.name), mtime: fs.statSync(path.join(p, e.name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime || a.file.localeCompare(b.file))[0];
  if (!newest) throw new PlanFailure(`The source folder ${p} holds no data file (.csv, .tsv, .jsonl, .parquet); the plan tries again at its next trigger`);
  return newest.file;
}

export interface PlanData {
  datasetId: string;
  version: number;
  rows: number;
  note: string;
}

/** Reads the source into a dataset version; the champion's dataset is where a file goes. */
export async function refreshSource(ctx: HostContext, source: PlanSource, championDatasetId: string): Promise<PlanData> {
  const { datasets } = ctx.repos;
  if (source.kind === 'dataset') {
    let id: string;
    try {
      id = datasets.resolve(source.dataset, 'source.dataset');
    } catch {
      throw new PlanFailure(`The source dataset '${source.dataset}' is gone; the plan tries again at its next trigger`);
    }
    const d = datasets.get(id);
    return { datasetId: id, version: d.versions.at(-1)?.version ?? 1, rows: d.rows, note: `dataset ${d.name}` };
  }
  const file = sourceFile(source);
  const name = datasets.get(championDatasetId).name;
  const { jobId } = startImport(ctx, importDefaults({ path: file, name, newVersion: true }), `Plan source: ${path.basename(file)} → ${name}`);
  let result;
  try {
    result = await ctx.jobs.result('datasets.import', jobId);
  } catch (err) {
    throw new PlanFailure(`Reading the source ${file} failed: ${(err as Error).message}`);
  }
  return { datasetId: result.id, version: result.version, rows: result.rows, note: `${file}${result.unchanged ? ' (unchanged)' : ''}` };
}
