import fs from 'node:fs';
import path from 'node:path';
import { app } from 'electron';

/**
 * better-sqlite3 built for Electron's ABI. Development keeps it apart from the Node build
 * (in .electron-native/) so `npm test` under Node keeps working; packaged apps use the
 * module electron-builder rebuilt in place.
 */
export function electronNativeBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const candidate = path.join(app.getAppPath(), '.electron-native', 'better_sqlite3.node');
  return fs.existsSync(candidate) ? candidate : undefined;
}
