import type { Core } from '../../electron/host/core';
import { importCsvText } from './core-fixture';
import { recommendFiles, type RecommendFiles } from './recommend-data';

/** The made-up files' datasets by the names recommender tests use. */
const NAMES = { ratings: 'ratings', events: 'events', items: 'books', users: 'readers' } as const satisfies Record<keyof RecommendFiles, string>;

/** Imports the default made-up files as 'ratings', 'events', 'books' and 'readers' (or only those named); returns their ids by name. */
export async function importRecommendFiles(fx: { core: Core; home: string }, only?: (keyof RecommendFiles)[]): Promise<Record<string, string>> {
  const files = recommendFiles();
  const ids: Record<string, string> = {};
  for (const key of only ?? (Object.keys(NAMES) as (keyof RecommendFiles)[])) ids[NAMES[key]] = await importCsvText(fx, NAMES[key], files[key]);
  return ids;
}
