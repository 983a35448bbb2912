import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../shared/api/errors';

/**
 * Creates a folder and its missing parents, failing with an error that names the folder.
 * Node's own `mkdir -p` (recursive: true) never returns for a path under /proc, so a user's
 * export folder there would hang the job.
 */
export function makeDir(dir: string, field: string): void {
  const missing: string[] = [];
  for (let d = path.resolve(dir); ; ) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(d);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new ApiError('bad_request', `Cannot use folder ${d}: ${code}`, { field });
    }
    if (stat) {
      if (!stat.isDirectory()) throw new ApiError('bad_request', `${d} is a file, not a folder`, { field });
      break;
    }
    missing.push(d);
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const d of missing.reverse()) {
    try {
      fs.mkdirSync(d);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new ApiError('bad_request', `Cannot create folder ${d}: ${code}`, { field });
    }
  }
}
