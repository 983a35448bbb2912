import fs from 'node:fs';
import path from 'node:path';
import type { SampleDto } from '../../../shared/api/datasets-dto';
import type { ImportArgs } from '../../../shared/api/methods/datasets';
import { ApiError } from '../../../shared/api/errors';
import { appRoot } from '../app-root';

interface SampleEntry extends SampleDto {
  options: Partial<ImportArgs>;
}

/** Where the bundled samples are: beside the app in development, in resources when packaged. */
export function samplesDir(): string {
  const packaged = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (packaged && fs.existsSync(path.join(packaged, 'samples', 'samples.json'))) return path.join(packaged, 'samples');
  return path.join(appRoot(), 'resources', 'samples');
}

export function listSamples(): SampleEntry[] {
  const file = path.join(samplesDir(), 'samples.json');
  if (!fs.existsSync(file)) return [];
  return JSON.parse(fs.readFileSync(file, 'utf8')) as SampleEntry[];
}

export function sampleImport(id: string): { path: string; name: string; options: Partial<ImportArgs> } {
  const s = listSamples().find((x) => x.id === id);
  if (!s) throw new ApiError('not_found', `No sample '${id}'`, { field: 'id' });
  return { path: path.join(samplesDir(), s.file), name: s.name, options: s.options };
}
