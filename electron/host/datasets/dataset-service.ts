import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { ApiError } from '../../../shared/api/errors';
import { importArgs, type ImportArgs } from '../../../shared/api/methods/datasets';
import type { ImportPreviewDto } from '../../../shared/api/datasets-dto';
import { previewImport, type PreviewArgs } from '../../data/import/preview';
import type { HostContext } from '../handlers/types';
import { dropTable, tableNameFor } from '../../data/db/dataset-tables';
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
  const job = ctx.jobs.start('datasets.import', title ?? `Import ${displayName(file)}`, { ...args, path: file, datasetId }, {
    onSucceeded: (result) => {
      removeUpload();
      const id = result.id;
      ctx.events.emit('datasets.changed', { datasetId: id });
      // The dataset is usable now; its profile follows in its own job (the CLI profiles on demand).
      if (ctx.host !== 'cli') startProfile(ctx, id);
      return result;
    },
    // A worker stopped hard (cancel after the grace period) may leave its table: drop it.
    onFinished: () => {
      if (!ctx.db.prepare('SELECT 1 FROM datasets WHERE id = ?').get(datasetId)) dropTable(ctx.db, tableNameFor(datasetId));
      removeUpload();
    },
  });
  return { jobId: job.id };
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
