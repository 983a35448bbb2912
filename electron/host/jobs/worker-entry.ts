import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The worker script: the bundled `job-worker.js` beside the built main process, or, when
 * running from sources (CLI, tests), a bootstrap that loads the TypeScript entry through tsx.
 */
export function workerEntry(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // Bundled: this code sits in out/main/index.js or one of its chunks.
  for (const built of [path.join(here, 'job-worker.js'), path.join(here, '..', 'job-worker.js')]) {
    if (fs.existsSync(built)) return built;
  }
  const fromSource = path.resolve(here, '../../workers/bootstrap.mjs');
  if (fs.existsSync(fromSource)) return fromSource;
  throw new Error(`No worker entry found next to ${here}`);
}
