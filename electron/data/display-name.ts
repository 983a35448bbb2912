import path from 'node:path';

/** A file's name as the user knows it: an upload's stored name carries a unique id prefix. */
export function displayName(file: string): string {
  return path.basename(file).replace(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-/, '');
}
