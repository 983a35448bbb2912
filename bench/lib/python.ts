import { spawnSync } from 'node:child_process';

/** A Python that can import xgboost and numpy (Debian: python3-xgboost), or null. */
export function findXgboostPython(): string | null {
  const candidates = [process.env.LATHE_PYTHON, 'python3', '/usr/bin/python3', 'python'].filter((c): c is string => !!c);
  for (const py of candidates) {
    const r = spawnSync(py, ['-c', 'import xgboost, numpy'], { stdio: 'ignore' });
    if (r.status === 0) return py;
  }
  return null;
}
