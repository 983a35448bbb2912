/**
 * JSON-lines logs of one server process (file names and durability policy: shared/serving/logs.ts). Lines are written
 * with one synchronous write per request, before the response leaves, so a killed process (kill -9) loses nothing it
 * answered: the kernel has the bytes. fsync runs every `fsyncLines` lines or `fsyncMs` ms, which bounds what a machine
 * crash or power cut can take; a clean shutdown fsyncs and closes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LOG_DEFAULTS, LOG_FILE_PATTERN, logFileName, type LogKind } from '../../shared/serving/index';

export interface LogOptions {
  rotateBytes: number;
  fsyncLines: number;
  fsyncMs: number;
}

export class JsonlLog {
  private fd: number;
  private size: number;
  private unsynced = 0;
  private timer: NodeJS.Timeout | null = null;
  private rotation: number;

  constructor(readonly dir: string, readonly kind: LogKind, readonly instance: string, private readonly opts: LogOptions = LOG_DEFAULTS) {
    fs.mkdirSync(dir, { recursive: true });
    this.rotation = nextRotation(dir, kind, instance);
    this.fd = fs.openSync(this.file, 'a');
    this.size = fs.fstatSync(this.fd).size;
  }

  get file(): string {
    return path.join(this.dir, logFileName(this.kind, this.instance));
  }

  /** Appends the lines in one write. */
  write(lines: object[]): void {
    if (lines.length === 0) return;
    const text = lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
    const bytes = Buffer.from(text);
    fs.writeSync(this.fd, bytes);
    this.size += bytes.length;
    this.unsynced += lines.length;
    if (this.unsynced >= this.opts.fsyncLines) this.sync();
    else this.timer ??= setTimeout(() => this.sync(), this.opts.fsyncMs).unref();
    if (this.size >= this.opts.rotateBytes) this.rotate();
  }

  sync(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.unsynced === 0) return;
    fs.fsyncSync(this.fd);
    this.unsynced = 0;
  }

  private rotate(): void {
    this.sync();
    fs.closeSync(this.fd);
    fs.renameSync(this.file, path.join(this.dir, logFileName(this.kind, this.instance, this.rotation++)));
    this.fd = fs.openSync(this.file, 'a');
    this.size = 0;
  }

  close(): void {
    this.sync();
    fs.closeSync(this.fd);
  }
}

function nextRotation(dir: string, kind: LogKind, instance: string): number {
  let max = 0;
  for (const name of fs.readdirSync(dir)) {
    const m = LOG_FILE_PATTERN.exec(name);
    if (m && m[1] === kind && m[2] === instance && m[3]) max = Math.max(max, Number(m[3]));
  }
  return max + 1;
}

/** The three logs of one process. */
export class ServingLogs {
  readonly predictions: JsonlLog;
  readonly feedback: JsonlLog;
  readonly decisions: JsonlLog;
  constructor(dir: string, instance: string, opts?: LogOptions) {
    this.predictions = new JsonlLog(dir, 'predictions', instance, opts);
    this.feedback = new JsonlLog(dir, 'feedback', instance, opts);
    this.decisions = new JsonlLog(dir, 'decisions', instance, opts);
  }
  sync(): void {
    for (const l of [this.predictions, this.feedback, this.decisions]) l.sync();
  }
  close(): void {
    for (const l of [this.predictions, this.feedback, this.decisions]) l.close();
  }
}

/**
 * Every line of every file of a kind in a logs folder, oldest file first (rotations, then the live file). `lenient`
 * skips lines that do not parse (a line torn by a machine crash) instead of throwing.
 */
export function readLogLines(dir: string, kind: LogKind, lenient = false): unknown[] {
  const files = fs.readdirSync(dir).map((n) => ({ n, m: LOG_FILE_PATTERN.exec(n) })).filter((f) => f.m && f.m[1] === kind);
  files.sort((a, b) => (a.m![2] === b.m![2] ? (Number(a.m![3] ?? Infinity) - Number(b.m![3] ?? Infinity)) : a.m![2] < b.m![2] ? -1 : 1));
  const parse = (l: string): unknown[] => {
    try {
      return [JSON.parse(l)];
    } catch (err) {
      if (lenient) return [];
      throw err;
    }
  };
  return files.flatMap((f) => fs.readFileSync(path.join(dir, f.n), 'utf8').split('\n').filter(Boolean).flatMap(parse));
}
