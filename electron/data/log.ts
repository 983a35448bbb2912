import fs from 'node:fs';
import path from 'node:path';

/** Where Lathe writes what went wrong: `<home>/lathe.log`, rotated at 5 MB (three old files kept). */
export interface Logger {
  readonly file: string;
  error(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
}

export interface LogFields {
  jobId?: string;
  kind?: string;
  method?: string;
  /** An Error (its stack and cause chain are written) or any value. */
  err?: unknown;
  [key: string]: unknown;
}

export const LOG_FILE = 'lathe.log';
const MAX_BYTES = 5 * 1024 * 1024;
const KEEP = 3;

/** The stack of an error and of each cause behind it. */
export function describeError(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    parts.push(e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e));
    e = e instanceof Error ? e.cause : undefined;
    if (e !== undefined) parts.push('caused by:');
  }
  return parts.join('\n');
}

export function createLogger(home: string, opts: { maxBytes?: number } = {}): Logger {
  const file = path.join(home, LOG_FILE);
  const maxBytes = opts.maxBytes ?? MAX_BYTES;
  const rotate = () => {
    for (let i = KEEP - 1; i >= 1; i--) {
      if (fs.existsSync(`${file}.${i}`)) fs.renameSync(`${file}.${i}`, `${file}.${i + 1}`);
    }
    fs.renameSync(file, `${file}.1`);
  };
  const write = (level: string, message: string, fields: LogFields = {}) => {
    const { err, ...rest } = fields;
    const extra = Object.entries(rest).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
    let line = `${new Date().toISOString()} ${level} [pid ${process.pid}] ${message}${extra.length ? ` ${extra.join(' ')}` : ''}\n`;
    if (err !== undefined) line += `${describeError(err).replace(/^/gm, '    ')}\n`;
    try {
      if (fs.existsSync(file) && fs.statSync(file).size + line.length > maxBytes) rotate();
      fs.appendFileSync(file, line);
    } catch (e) {
      // The log itself cannot be written (disk full, folder gone): say so once where someone may see it.
      process.stderr.write(`lathe: cannot write ${file}: ${(e as Error).message}\n${line}`);
    }
  };
  return {
    file,
    error: (m, f) => write('ERROR', m, f),
    warn: (m, f) => write('WARN', m, f),
    info: (m, f) => write('INFO', m, f),
  };
}

/** A logger that keeps lines in memory (tests). */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const put = (level: string) => (m: string, f: LogFields = {}) => {
    lines.push(`${level} ${m}${f.err !== undefined ? `\n${describeError(f.err)}` : ''}`);
  };
  return { file: '(memory)', lines, error: put('ERROR'), warn: put('WARN'), info: put('INFO') };
}
