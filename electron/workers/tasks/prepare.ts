import type { JobKind } from '../../../shared/api/jobs';

/**
 * What a worker started ahead of its job may do with the command's arguments while it waits
 * (electron/host/jobs/standby-worker.ts). Each is a hint: the job itself checks its real
 * arguments and closes whatever it does not use.
 */
const prepares: Partial<Record<JobKind, () => Promise<(argv: readonly string[]) => void>>> = {
  // A large file's writer thread starts now instead of after the job's own start.
  'datasets.import': async () => (await import('../import/import-task')).prepareImport,
};

export async function prepareTask(kind: JobKind, argv: readonly string[]): Promise<void> {
  try {
    (await prepares[kind]?.())?.(argv);
  } catch {
    // Only a head start: the job does the work anyway.
  }
}
