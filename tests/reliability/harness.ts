/**
 * Shared pieces of the reliability harness: the run's size (bounded in CI, full on demand), a
 * seeded PRNG, temp folders, and the `lathe` command run as a user runs it, with its exit judged.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mulberry32 } from '../../models/split/prng';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const latheBin = path.join(repoRoot, 'bin', 'lathe.mjs');

/** `LATHE_RELIABILITY=full` (npm run test:reliability) runs every loop at full size. */
export const FULL = process.env.LATHE_RELIABILITY === 'full';
/** The base seed; every scenario derives its own from it, so one number reproduces a run. */
export const BASE_SEED = Number(process.env.LATHE_RELIABILITY_SEED ?? 20261203) >>> 0;
/** Keep the temp folders (for a reproduction) instead of removing them. */
export const KEEP = process.env.LATHE_RELIABILITY_KEEP === '1';

/** bounded (CI) or full size of a loop. */
export const size = (bounded: number, full: number): number => (FULL ? full : bounded);

export interface Rng {
  next(): number;
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function rng(seed: number): Rng {
  const next = mulberry32(seed);
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

/** A scenario's seed: the base seed mixed with its name. */
export function seedFor(name: string): number {
  let h = BASE_SEED ^ 0x9e3779b9;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}

/** A fresh folder for one scenario; `cleanup` removes it unless LATHE_RELIABILITY_KEEP=1. */
export function tempDir(prefix: string): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lathe-rel-${prefix}-`));
  return {
    dir,
    cleanup: () => {
      if (KEEP) console.log(`kept ${dir}`);
      else fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface CliResult {
  args: string[];
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Killed by the harness after its time limit. */
  timedOut: boolean;
  /** Killed on purpose by the scenario (SIGKILL at a chosen point). */
  killedByUs: boolean;
  pid: number;
}

export interface RunningCli {
  proc: ChildProcess;
  pid: number;
  done: Promise<CliResult>;
  /** SIGKILL now; false when the process had already ended. */
  kill(): boolean;
  exited(): boolean;
  /** What it printed so far. */
  output(): { stdout: string; stderr: string };
}

const live = new Set<RunningCli>();

/** SIGKILLs every command this file started that is still running (after a failed test). */
export function killStragglers(): void {
  for (const c of live) c.kill();
}

/** Starts `node bin/lathe.mjs ARGS`, as a user would, with a hard time limit. */
export function startCli(args: string[], o: { timeoutMs: number; cwd?: string }): RunningCli {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.LATHE_HOME;
  const t0 = Date.now();
  const proc = spawn(process.execPath, [latheBin, ...args], { cwd: o.cwd ?? repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  let killedByUs = false;
  let ended = false;
  proc.stdout!.on('data', (d) => (stdout += String(d)));
  proc.stderr!.on('data', (d) => (stderr += String(d)));
  const timer = setTimeout(() => {
    timedOut = true;
    proc.kill('SIGKILL');
  }, o.timeoutMs);
  const done = new Promise<CliResult>((resolve) => {
    proc.once('close', (code, signal) => {
      ended = true;
      clearTimeout(timer);
      resolve({ args, code, signal, stdout, stderr, ms: Date.now() - t0, timedOut, killedByUs, pid: proc.pid ?? -1 });
    });
  });
  const running: RunningCli = {
    proc,
    pid: proc.pid ?? -1,
    done,
    exited: () => ended || proc.exitCode !== null || proc.signalCode !== null,
    output: () => ({ stdout, stderr }),
    kill() {
      if (ended || proc.exitCode !== null || proc.signalCode !== null) return false;
      killedByUs = true;
      return proc.kill('SIGKILL');
    },
  };
  live.add(running);
  void done.then(() => live.delete(running));
  return running;
}

export const runCli = (args: string[], o: { timeoutMs: number; cwd?: string }): Promise<CliResult> => startCli(args, o).done;

/** Output lines that are not ours: the TF.js banner, Node's warnings, onnxruntime's log lines. */
const NOISE = [/^=+$/, /^Hi,? (there|looks like)/, /TensorFlow\.js/, /^\(node:\d+\)/, /^\(Use `node --trace-/, /\[[WI]:onnxruntime:/, /^\s*$/];
export const meaningfulLines = (text: string): string[] => text.split('\n').filter((l) => !NOISE.some((re) => re.test(l)));

/** An uncaught exception's stack, as Node prints it. */
export const hasStackTrace = (text: string): boolean => /^\s+at (?:.+ \()?(?:file:|node:|\/|<anonymous>|[A-Za-z]:\\).*\)?$/m.test(text) || /^Uncaught /m.test(text);

/** The last JSON line of stdout (the TF.js banner may come before it). */
export function lastJson(stdout: string): unknown {
  const lines = stdout.trim().split('\n').reverse();
  for (const l of lines) {
    if (!/^[[{]/.test(l)) continue;
    try {
      return JSON.parse(l);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export type Outcome = 'ok' | 'error' | 'busy' | 'internal' | 'crash' | 'hang' | 'unclear' | 'killed';

/**
 * How a command ended. ok: exit 0. error / busy / internal: exit 1 with exactly one `lathe: …`
 * line on stderr (the JSON error's code tells busy and internal apart). crash: a signal we did not
 * send, an exit code other than 0 and 1, or a stack trace. hang: ran past its limit. unclear: exit 1
 * without a single clear line.
 */
export function judge(r: CliResult): { outcome: Outcome; why: string } {
  if (r.killedByUs) return { outcome: 'killed', why: 'SIGKILL by the harness' };
  if (r.timedOut) return { outcome: 'hang', why: `still running after ${r.ms} ms` };
  if (r.signal) return { outcome: 'crash', why: `died by ${r.signal}` };
  if (hasStackTrace(r.stderr) || hasStackTrace(r.stdout)) return { outcome: 'crash', why: `stack trace: ${excerpt(r.stderr || r.stdout)}` };
  if (r.code === 0) return { outcome: 'ok', why: '' };
  if (r.code !== 1) return { outcome: 'crash', why: `exit code ${r.code}: ${excerpt(r.stderr)}` };
  const lines = meaningfulLines(r.stderr);
  if (lines.length !== 1 || !lines[0].startsWith('lathe: ')) return { outcome: 'unclear', why: `stderr: ${excerpt(r.stderr)}` };
  const code = (lastJson(r.stdout) as { error?: { code?: string } } | undefined)?.error?.code;
  if (code === 'busy') return { outcome: 'busy', why: lines[0] };
  if (code === 'internal' || /^lathe: Something went wrong/.test(lines[0])) return { outcome: 'internal', why: lines[0] };
  return { outcome: 'error', why: lines[0] };
}

export const excerpt = (s: string, n = 300): string => {
  const t = s.trim().replace(/\s+/g, ' ');
  return t.length > n ? `${t.slice(0, n)}…` : t;
};

/** `lathe ARGS` as a reader can paste it (home and files as given). */
export const shown = (args: string[]): string => ['node bin/lathe.mjs', ...args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))].join(' ');

/** `lathe --version` must work before a scenario starts: a tree that does not load is one failure, not hundreds. */
export async function preflight(): Promise<void> {
  const r = await runCli(['--version'], { timeoutMs: 120_000 });
  if (r.code !== 0) throw new Error(`lathe does not start (exit ${r.code}, signal ${r.signal}): ${excerpt(r.stderr, 600)}`);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
