/**
 * Starts a model server from bundle folders: loads the versions, makes the core, opens the logs and listens; on
 * SIGTERM/SIGINT it drains, flushes the logs and exits. Used by `lathe serve-model` and by the standalone server.mjs.
 */
import os from 'node:os';
import { decisionLineSchema, servingPolicySchema, SERVER_DEFAULTS, type DecisionLine, type ServingPolicy } from '../../shared/serving/index';
import { ServingCore } from './core';
import { listen, type RunningServer } from './http';
import { readLogLines, ServingLogs } from './logs';
import { loadModel } from './model';

export interface StartOptions {
  model?: string;
  stableDir: string;
  candidateDir?: string | null;
  /** Versions as the registry names them (else the bundles' manifests say). */
  stableVersion?: string;
  candidateVersion?: string;
  policy?: ServingPolicy;
  host?: string;
  port?: number;
  token?: string | null;
  logsDir?: string | null;
  /** Called once listening; default prints `listening on URL`. */
  onListening?: (url: string) => void;
  /** Exit the process on SIGTERM/SIGINT after draining (default true). */
  handleSignals?: boolean;
}

/** A name for this process's log files: host and pid, so processes behind a balancer never share a file. */
export const instanceId = (): string => `${os.hostname().replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40)}-${process.pid}`;

/** The newest decision any process logged in `dir` for this pair of versions (lines that do not parse are skipped). */
export function lastDecision(dir: string, stable: string, candidate: string): DecisionLine | null {
  let last: DecisionLine | null = null;
  for (const raw of readLogLines(dir, 'decisions', true)) {
    const d = decisionLineSchema.safeParse(raw);
    if (d.success && d.data.stable === stable && d.data.candidate === candidate && (!last || d.data.time >= last.time)) last = d.data;
  }
  return last;
}

export async function startServer(o: StartOptions): Promise<{ core: ServingCore; http: RunningServer; stop: () => Promise<void> }> {
  const policy = o.policy ?? servingPolicySchema.parse({ kind: 'single' });
  const stable = await loadModel(o.stableDir, o.stableVersion);
  const candidate = policy.kind !== 'single' && o.candidateDir ? await loadModel(o.candidateDir, o.candidateVersion) : null;
  if (policy.kind !== 'single' && !candidate) throw new Error(`the ${policy.kind} policy needs the candidate's bundle (--candidate-dir)`);
  const instance = instanceId();
  const logs = o.logsDir ? new ServingLogs(o.logsDir, instance) : null;
  const resumeFrom = o.logsDir && policy.kind === 'canary' && candidate ? lastDecision(o.logsDir, stable.version, candidate.version) : null;
  const core = new ServingCore({ model: o.model ?? stable.manifest.model ?? 'model', stable, candidate, policy, logs, instance, resumeFrom });
  const server = await listen(core, { host: o.host ?? SERVER_DEFAULTS.host, port: o.port ?? SERVER_DEFAULTS.port, token: o.token });
  (o.onListening ?? ((url: string) => process.stdout.write(`listening on ${url}\n`)))(server.url);
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await server.close();
      logs?.close();
    })());
  if (o.handleSignals !== false) {
    for (const sig of ['SIGTERM', 'SIGINT'] as const) {
      process.once(sig, () => {
        void stop().then(() => process.exit(0));
      });
    }
  }
  return { core, http: server, stop };
}
