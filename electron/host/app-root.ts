import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project folder (where package.json is), found from this file whether bundled or not. */
export function appRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error('Cannot find the Lathe install folder (no package.json above this file).');
}

/** The built renderer served in browser mode. */
export function rendererRoot(): string {
  return path.join(appRoot(), 'out', 'renderer');
}
