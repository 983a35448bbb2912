import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Keeps the original file name readable but harmless: no separators, no dots at the start. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'upload';
  const cleaned = base.replace(/[^A-Za-z0-9._ -]/g, '_').replace(/^[.\s]+/, '').slice(0, 120);
  return cleaned || 'upload';
}

export { displayName } from '../../data/display-name';

/** Largest upload browser mode accepts unless the server is told otherwise: 2 GiB. */
export const DEFAULT_MAX_UPLOAD_BYTES = 2 * 1024 ** 3;
/** Uploads older than this are removed when the server starts: 24 hours. */
export const DEFAULT_UPLOAD_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** The upload is larger than the server accepts; nothing of it is kept. */
export class UploadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The file is larger than the ${formatBytes(limit)} this server accepts`);
    this.name = 'UploadTooLargeError';
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3 && n % 1024 ** 3 === 0) return `${n / 1024 ** 3} GiB`;
  if (n >= 1024 ** 2 && n % 1024 ** 2 === 0) return `${n / 1024 ** 2} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

export function uploadsDir(home: string): string {
  return path.join(home, 'uploads');
}

/**
 * Browser mode cannot hand us a path, so the page streams the file here; it lands in
 * `<home>/uploads/` and the import removes it when done. A body over `maxBytes`, an aborted
 * request or a failed write leaves no file behind.
 */
export async function saveUpload(req: IncomingMessage, home: string, name: string, maxBytes = DEFAULT_MAX_UPLOAD_BYTES): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw new UploadTooLargeError(maxBytes);
  const dir = uploadsDir(home);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${randomUUID()}-${safeFileName(name)}`);
  const out = fs.createWriteStream(file);
  try {
    await receive(req, out, maxBytes);
  } catch (err) {
    await new Promise<void>((resolve) => {
      if (out.closed) resolve();
      else out.once('close', () => resolve());
      out.destroy();
    });
    fs.rmSync(file, { force: true });
    throw err;
  }
  return file;
}

/**
 * Streams the request body into `out`, refusing it past `maxBytes`. The request itself is
 * never destroyed here: the caller answers it (a 413 must reach the client before the close).
 */
function receive(req: IncomingMessage, out: fs.WriteStream, maxBytes: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return stop(new UploadTooLargeError(maxBytes));
      if (!out.write(chunk)) {
        req.pause();
        out.once('drain', () => req.resume());
      }
    };
    const onEnd = () => {
      detach();
      out.end(() => resolve());
    };
    const onClose = () => {
      if (!req.complete) stop(new Error('the upload was interrupted'));
    };
    const stop = (err: Error) => {
      detach();
      reject(err);
    };
    const detach = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      req.off('error', stop);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
    req.on('error', stop);
    // Stays attached: a write error after the body ended still rejects (and is never unhandled).
    out.on('error', stop);
  });
}

/** Removes uploads older than `maxAgeMs` (left by a closed tab or a crash); returns how many. */
export function removeStaleUploads(home: string, maxAgeMs = DEFAULT_UPLOAD_MAX_AGE_MS, now = Date.now()): number {
  const dir = uploadsDir(home);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  let removed = 0;
  for (const e of entries) {
    if (!e.isFile()) continue;
    const file = path.join(dir, e.name);
    try {
      if (now - fs.statSync(file).mtimeMs > maxAgeMs) {
        fs.rmSync(file, { force: true });
        removed++;
      }
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
  return removed;
}
