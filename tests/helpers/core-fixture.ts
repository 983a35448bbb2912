import fs from 'node:fs';
import path from 'node:path';
import { createCore, type Core } from '../../electron/host/core';
import type { ImportResultDto } from '../../shared/api/datasets-dto';
import type { ArgsOf } from '../../shared/api/contract';
import { tempHome } from './temp-home';

/** A core on a fresh data folder, as the CLI would open it. */
export function coreFixture(host: 'cli' | 'browser' = 'cli'): { core: Core; home: string; close(): Promise<void> } {
  const h = tempHome();
  const core = createCore({ home: h.dir, host });
  return {
    core,
    home: h.dir,
    async close() {
      await core.close();
      h.cleanup();
    },
  };
}

/** Runs an import job to its end; returns the result or throws the job's error. */
export async function importFile(core: Core, args: ArgsOf<'datasets.import'>): Promise<ImportResultDto> {
  const { jobId } = await core.call('datasets.import', args);
  return core.jobResult('datasets.import', jobId);
}

/** Writes TEXT as NAME.csv in the fixture's folder and imports it under NAME; returns the dataset id. */
export async function importCsvText(fx: { core: Core; home: string }, name: string, text: string): Promise<string> {
  const file = path.join(fx.home, `${name}.csv`);
  fs.writeFileSync(file, text);
  return (await importFile(fx.core, { path: file, name })).id;
}
