import os from 'node:os';
import path from 'node:path';

/**
 * The data folder: explicit `--home`, then `LATHE_HOME`, then the OS convention.
 * (Electron passes its userData folder as the explicit home.)
 */
export function resolveHome(explicit?: string | null, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return path.resolve(explicit);
  if (env.LATHE_HOME) return path.resolve(env.LATHE_HOME);
  return defaultHome(process.platform, env);
}

export function defaultHome(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  const home = env.HOME || env.USERPROFILE || os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Lathe');
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'Lathe');
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'lathe');
}

export function databasePath(home: string): string {
  return path.join(home, 'lathe.db');
}
