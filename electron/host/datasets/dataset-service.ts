import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { ApiError } from '../../../shared/api/errors';
import { importArgs, type ImportArgs } from '../../../shared/api/methods/datasets';
import type { ImportPreviewDto } from '../../../shared/api/datasets-dto';
import { previewImport, type PreviewArgs } from '../../data/import/preview';
import type { HostContext } from '../handlers/types';
import { checkpointAfterImport, dropTable, tableNameFor } from '../../data/db/dataset-tables';
import { displayName } from '../server/uploads';
import { isOwnUpload } from '../handlers/export';

/**
 * Starts an import job; the dataset appears only when the whole file is in. `removeSource`
 * removes the file when the job ends (however it ends), and only for an upload Lathe saved
 * under `<home>/uploads`: for any other path it is refused and nothing is removed.
 */
export function startImport(ctx: HostContext, args: ImportArgs, title?: string): { jobId: string } {
  const file = path.resolve(args.path);
  if (!fs.existsSync(file)) throw new ApiError('not_found', `No such file: ${file}`, { field: 'path' });
  if (args.removeSource && !isOwnUpload(ctx.home, file)) {
    throw new ApiError(
      'bad_request',
      `removeSource is only for files uploaded to Lathe (in ${path.join(ctx.home, 'uploads')}); ${displayName(file)} was not imported and is left as it is`,
      { field: 'removeSource' },
    );
  }
  const target = versionTarget(ctx, args, file);
  const datasetId = randomUUID();
  // Checked again when the job ends: only a plain file Lathe saved is removed. Failing to remove
  // it fails nothing: browser mode removes stale uploads when it starts.
  const removeUpload = () => {
    try {
      if (args.removeSource && isOwnUpload(ctx.home, file)) fs.rmSync(file, { force: true });
    } catch (err) {
      // Left for the stale-upload sweep at the next start; the log says why it stayed.
      ctx.log.warn('could not remove an imported upload', { file, err });
    }
  };
  // The CLI's own thread only waits for this job: it moves the import's WAL into the database file
  // as rows arrive (PASSIVE: never blocks the import's threads), so that little is left to copy and
  // sync after the result. The app's main thread serves its windows instead and leaves it to the import.
  let copier: NodeJS.Timeout | null = null;
  const stopCopier = () => {
    if (copier) clearInterval(copier);
    copier = null;
  };
  const job = ctx.jobs.start('datasets.import', title ?? `Import ${displayName(file)}`, { ...args, path: file, datasetId, target }, {
    onSucceeded: (result) => {
      stopCopier();
      removeUpload();
      const id = result.id;
      ctx.events.emit('datasets.changed', { datasetId: id });
      // The dataset is usable now; its profile follows in its own job (the CLI profiles on demand).
      if (ctx.host !== 'cli') startProfile(ctx, id);
      return result;
    },
    // A worker stopped hard (cancel after the grace period) may leave its table: drop it.
    onFinished: () => {
      stopCopier();
      const table = tableNameFor(datasetId);
      const kept = ctx.db.prepare('SELECT 1 FROM datasets WHERE table_name = ? UNION ALL SELECT 1 FROM dataset_versions WHERE table_name = ?').get(table, table);
      if (!kept) dropTable(ctx.db, table);
      removeUpload();
    },
  });
  // Started once the job is (the hooks that stop it cannot run before).
  if (ctx.host === 'cli') {
    copier = setInterval(() => copyWal(ctx), WAL_COPY_EVERY_MS);
    copier.unref();
  }
  return { jobId: job.id };
}

const WAL_COPY_EVERY_MS = 200;

function copyWal(ctx: HostContext): void {
  try {
    checkpointAfterImport(ctx.db);
  } catch (err) {
    // Only a head start: the import's worker copies what is left after its result.
    ctx.log.warn('could not checkpoint during an import', { err });
  }
}

/**
 * The dataset an import becomes the next version of: `appendTo` appends; a `name` that exists
 * is re-imported as its next version when the file is its source (same path) or `newVersion`
 * asks for it. Otherwise, none: a new dataset (a taken name gets a suffix).
 */
function versionTarget(ctx: HostContext, args: ImportArgs, file: string): { id: string; mode: 'append' | 'reimport' } | undefined {
  if (args.appendTo !== undefined) {
    if (args.newVersion) throw new ApiError('bad_request', 'appendTo adds rows to a dataset; newVersion replaces them: give one of them', { field: 'newVersion' });
    return { id: ctx.repos.datasets.resolve(args.appendTo, 'appendTo'), mode: 'append' };
  }
  if (args.name === undefined) {
    if (args.newVersion) throw new ApiError('bad_request', 'newVersion needs the name of the dataset to replace', { field: 'name' });
    return undefined;
  }
  const existing = ctx.db.prepare('SELECT id, source_path FROM datasets WHERE name = ?').get(args.name) as { id: string; source_path: string | null } | undefined;
  if (!existing) {
    if (args.newVersion) throw new ApiError('not_found', `No dataset named '${args.name}' to make a new version of`, { field: 'name' });
    return undefined;
  }
  if (args.newVersion || existing.source_path === file) return { id: existing.id, mode: 'reimport' };
  return undefined;
}

/**
 * What the import would read, from the file's start, in this process: the head is at most a
 * few hundred KB, so no worker is started. `removeSource` removes an upload of the head after.
 */
export function previewFile(ctx: HostContext, args: PreviewArgs): ImportPreviewDto {
  const file = path.resolve(args.path);
  if (args.removeSource && !isOwnUpload(ctx.home, file)) {
    throw new ApiError('bad_request', `removeSource is only for files uploaded to Lathe (in ${path.join(ctx.home, 'uploads')}); ${displayName(file)} is left as it is`, { field: 'removeSource' });
  }
  try {
    return previewImport({ ...args, path: file });
  } finally {
    if (args.removeSource) fs.rmSync(file, { force: true });
  }
}

/** Fills defaults for an import described partly (samples, CLI). */
export function importDefaults(partial: Partial<ImportArgs> & { path: string }): ImportArgs {
  return importArgs.parse(partial);
}

export function startProfile(ctx: HostContext, datasetId: string): string {
  const name = ctx.repos.datasets.get(datasetId).name;
  const job = ctx.jobs.start('datasets.profile', `Profile ${name}`, { datasetId }, {
    onSucceeded: (r) => {
      ctx.events.emit('datasets.changed', { datasetId });
      return r;
    },
  });
  return job.id;
}
