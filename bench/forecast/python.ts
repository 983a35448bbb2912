import { spawnSync } from 'node:child_process';

/** A Python that can import statsmodels (Debian: python3-statsmodels, in /usr/bin/python3), or null. */
export function findStatsmodelsPython(): string | null {
  const candidates = [process.env.LATHE_PYTHON, '/usr/bin/python3', 'python3', 'python'].filter((c): c is string => !!c);
  for (const py of candidates) {
    const r = spawnSync(py, ['-c', 'import statsmodels, numpy, pandas'], { stdio: 'ignore' });
    if (r.status === 0) return py;
  }
  return null;
}
