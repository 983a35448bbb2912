import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ApiError } from '../../shared/api/errors';

/**
 * Files Lathe writes for the user (export bundles, predictions) are written under a temporary
 * name in the target folder and renamed into place when complete, so a kill mid-write leaves
 * no half file under the real name. Temporary names start with this prefix; leftovers of an
 * interrupted write are removed by the next write to the same folder.
 */
export const TEMP_PREFIX = '.lathe-tmp-';

/** Leftovers of a live process are kept this long (a hard-stopped worker thread shares its process's pid). */
const LEFTOVER_AGE_MS = 60 * 60 * 1000;

/** A fresh temporary name beside `target`: `.lathe-tmp-<pid>-<random>-<name>`. */
export function tempPathFor(target: string): string {
  const name = path.basename(target).slice(-80);
  return path.join(path.dirname(target), `${TEMP_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}-${name}`);
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temporary files left in `dir` by an interrupted write: those whose process is gone,
 * or older than an hour. Only names with Lathe's prefix are touched. Returns how many.
 */
export function cleanLeftovers(dir: string, now = Date.now()): number {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const file = path.join(dir, name);
    try {
      const st = fs.lstatSync(file);
      if (!st.isFile()) continue;
      const pid = Number(/^\.lathe-tmp-(\d+)-/.exec(name)?.[1]);
      if (processAlive(pid) && now - st.mtimeMs < LEFTOVER_AGE_MS) continue;
      fs.rmSync(file, { force: true });
      removed++;
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
  return removed;
}

/**
 * Refuses (conflict) when any of `targets` exists, unless `force`; `details.files` lists them,
 * so each door can offer its own way to replace them. A target that is a folder is refused even
 * with force.
 */
export function refuseOverwrite(targets: string[], force: boolean, where: string): void {
  const existing: string[] = [];
  for (const t of targets) {
    let st: fs.Stats;
    try {
      st = fs.statSync(t);
    } catch {
      continue;
    }
    if (st.isDirectory()) throw new ApiError('bad_request', `${t} is a folder; Lathe would write a file there`, { files: [t] });
    existing.push(t);
  }
  if (existing.length === 0 || force) return;
  const names = existing.map((f) => path.basename(f)).join(', ');
  throw new ApiError('conflict', `${where} already has ${names}; nothing was written or replaced.`, { files: existing });
}

/** Writes `content` to a temporary file beside `target` and syncs it; returns the temporary path. */
export function writeTemp(target: string, content: string | Uint8Array): string {
  const tmp = tempPathFor(target);
  const fd = fs.openSync(tmp, 'wx');
  try {
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fs.closeSync(fd);
  return tmp;
}

/**
 * Moves a complete temporary file to its real name. Without `force` an existing file is never
 * replaced, even one that appeared while the temporary file was written: a hard link fails
 * when the name exists, where the file system has links; elsewhere the name is checked first.
 */
export function commitTemp(tmp: string, target: string, force: boolean): void {
  if (force) {
    fs.renameSync(tmp, target);
    return;
  }
  try {
    fs.linkSync(tmp, target);
    fs.rmSync(tmp, { force: true });
    return;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      fs.rmSync(tmp, { force: true });
      refuseOverwrite([target], false, path.dirname(target));
    }
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS' && code !== 'EMLINK') throw err;
  }
  try {
    refuseOverwrite([target], false, path.dirname(target));
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fs.renameSync(tmp, target);
}
