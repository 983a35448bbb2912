import { spawnSync } from 'node:child_process';

/**
 * A Python that can import `modules` (the anchors come from Debian's packages, under /usr/bin/python3;
 * the first python3 on PATH may be another one without them), or null. LATHE_PYTHON overrides.
 */
export function findPython(modules: string[]): string | null {
  const candidates = [process.env.LATHE_PYTHON, '/usr/bin/python3', 'python3', 'python'].filter((c): c is string => !!c);
  for (const py of candidates) {
    const r = spawnSync(py, ['-c', `import ${modules.join(', ')}`], { stdio: 'ignore' });
    if (r.status === 0) return py;
  }
  return null;
}

/** A Python that can import xgboost and numpy (Debian: python3-xgboost), or null. */
export const findXgboostPython = (): string | null => findPython(['xgboost', 'numpy']);

/** A Python that can import statsmodels (Debian: python3-statsmodels), or null. */
export const findStatsmodelsPython = (): string | null => findPython(['statsmodels', 'numpy', 'pandas']);
