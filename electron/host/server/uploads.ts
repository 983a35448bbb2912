import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { IncomingMessage } from 'node:http';

/** Keeps the original file name readable but harmless: no separators, no dots at the start. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'upload';
  const cleaned = base.replace(/[^A-Za-z0-9._ -]/g, '_').replace(/^[.\s]+/, '').slice(0, 120);
  return cleaned || 'upload';
}

/** The name the user knows a file by: uploads drop the unique prefix they were saved with. */
export function displayName(file: string): string {
  return path.basename(file).replace(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-/, '');
}

/**
 * Browser mode cannot hand us a path, so the page streams the file here; it lands in
 * `<home>/uploads/` and the import removes it when done.
 */
export async function saveUpload(req: IncomingMessage, home: string, name: string): Promise<string> {
  const dir = path.join(home, 'uploads');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${randomUUID()}-${safeFileName(name)}`);
  try {
    await pipeline(req, fs.createWriteStream(file));
  } catch (err) {
    fs.rmSync(file, { force: true });
    throw err;
  }
  return file;
}
