/** A sweep's search space (the contract between the app, the CLI and the samplers), written as `key=lo..hi`, `key=lo..hi:log`, `key=a|b|c` (text or numbers). */
export type Dim =
  | { name: string; kind: 'int' | 'float'; lo: number; hi: number; log: boolean }
  | { name: string; kind: 'choice'; choices: (string | number)[] };

export type Point = Record<string, number | string>;

export function parseDim(spec: string): Dim {
  const eq = spec.indexOf('=');
  if (eq <= 0) throw new Error(`'${spec}': expected key=lo..hi, key=lo..hi:log or key=a|b|c`);
  const name = spec.slice(0, eq).trim();
  let body = spec.slice(eq + 1).trim();
  const range = /^(-?[\d.eE+-]+)\.\.(-?[\d.eE+-]+)(:log)?$/.exec(body);
  if (range) {
    const lo = Number(range[1]);
    const hi = Number(range[2]);
    const log = Boolean(range[3]);
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo >= hi) throw new Error(`'${spec}': the range must have lo < hi`);
    if (log && lo <= 0) throw new Error(`'${spec}': a log range must be positive`);
    const isInt = /^-?\d+$/.test(range[1]) && /^-?\d+$/.test(range[2]);
    return { name, kind: isInt ? 'int' : 'float', lo, hi, log };
  }
  if (body.includes('|')) {
    if (body.endsWith('|')) body = body.slice(0, -1);
    const choices = body.split('|').map((c) => (c !== '' && Number.isFinite(Number(c)) ? Number(c) : c));
    return { name, kind: 'choice', choices };
  }
  throw new Error(`'${spec}': expected key=lo..hi, key=lo..hi:log or key=a|b|c`);
}

