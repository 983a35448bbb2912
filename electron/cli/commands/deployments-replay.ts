/**
 * `lathe deployments replay NAME[@REF] --file F --target COL --policy FILE --logs DIR`: pushes a CSV's rows through the
 * serving core with the policy (in-process, no HTTP, on a simulated clock) and sends each row's true outcome as
 * feedback, writing the logs a live canary would. `--candidate-noise` injects errors into the candidate's answers.
 */
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import type { Command } from 'commander';
import { ApiError } from '../../../shared/api/errors';
import { candidateOf, replayOptionsSchema, type ServingPolicy } from '../../../shared/serving/index';
import { readPolicyFile } from '../../serving/policy-file';
import { ServingLogs } from '../../serving/logs';
import { loadModel } from '../../serving/model';
import { replay } from '../../serving/replay';
import { deploymentsCommand } from './deployments';
import { exportedBundle, resolveVersion, splitRef } from './serve-model';
import { withCore } from '../run-job';
import type { GlobalOptions } from '../main';

interface ReplayCliOptions {
  file: string;
  target: string;
  policy: string;
  logs: string;
  candidateNoise: string;
  limit?: string;
  batch: string;
  seed: string;
  interval: string;
}

/** A CSV with a header: numbers as numbers, empty cells as null, cells trimmed. */
export function readCsvRows(file: string): Record<string, unknown>[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ApiError('not_found', `${file}: ${(err as Error).message}`, { field: 'file' });
  }
  const parsed = Papa.parse<Record<string, unknown>>(text, { header: true, skipEmptyLines: true, dynamicTyping: true, transform: (v) => v.trim(), transformHeader: (h) => h.trim() });
  const bad = parsed.errors[0];
  if (bad) throw new ApiError('bad_request', `${file}:${(bad.row ?? 0) + 2}: ${bad.message}`, { field: 'file' });
  return parsed.data.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === '' ? null : v])));
}

const num = (v: string, flag: string) => {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new ApiError('bad_request', `--${flag} must be a number, not '${v}'`, { field: flag });
  return n;
};

export function registerDeploymentsReplay(program: Command): void {
  deploymentsCommand(program)
    .command('replay <model>')
    .description("replay a CSV's rows through NAME[@REF] with a policy and their true outcomes as feedback, writing a canary's logs (no HTTP; simulated clock)")
    .requiredOption('--file <csv>', 'rows to replay, with a header and the target column')
    .requiredOption('--target <column>', 'the true outcome column, sent as feedback')
    .requiredOption('--policy <file>', 'policy file (JSON)')
    .requiredOption('--logs <dir>', 'folder the logs are written into (as serve-model --logs)')
    .option('--candidate-noise <share>', "share of rows (0–1) whose candidate answer is made wrong: a rehearsed bad release", '0')
    .option('--limit <n>', 'replay at most this many rows')
    .option('--batch <n>', 'rows per request', '1')
    .option('--seed <n>', 'seed of the routing and the noise', '1')
    .option('--interval <seconds>', 'simulated seconds between requests', '1')
    .action(async (ref: string, o: ReplayCliOptions) => {
      await withCore(program.opts<GlobalOptions>(), async (core, out) => {
        let policy: ServingPolicy;
        try {
          policy = readPolicyFile(o.policy);
        } catch (err) {
          throw new ApiError('bad_request', (err as Error).message, { field: 'policy' });
        }
        const options = replayOptionsSchema.safeParse({
          target: o.target, candidateNoise: num(o.candidateNoise, 'candidate-noise'), batch: num(o.batch, 'batch'), seed: num(o.seed, 'seed'),
          intervalS: num(o.interval, 'interval'), limit: o.limit === undefined ? undefined : num(o.limit, 'limit'),
        });
        if (!options.success) throw new ApiError('bad_request', `${options.error.issues[0].path.join('.')}: ${options.error.issues[0].message}`, { field: String(options.error.issues[0].path[0]) });
        const rows = readCsvRows(o.file);
        if (rows.length && !(o.target in rows[0])) throw new ApiError('bad_request', `${o.file} has no column '${o.target}'`, { field: 'target' });
        const [name, stableRef] = splitRef(ref);
        const detail = await core.call('models.get', { name });
        const exportTo = (r: string, dir: string) => core.call('models.export', { model: r, format: 'onnx', outDir: dir, force: true });
        const stableVersion = resolveVersion(detail, policy.kind === 'single' ? policy.version ?? stableRef : policy.stable ?? stableRef, 'model');
        const stable = await loadModel(await exportedBundle(exportTo, core.home, name, stableVersion), stableVersion);
        const candRef = candidateOf(policy);
        const candVersion = candRef ? resolveVersion(detail, candRef, 'policy.candidate') : null;
        if (candVersion === stableVersion) throw new ApiError('bad_request', `policy.candidate: ${candRef} is ${candVersion}, the stable version itself`, { field: 'policy.candidate' });
        const candidate = candVersion ? await loadModel(await exportedBundle(exportTo, core.home, name, candVersion), candVersion) : null;
        const logsDir = path.resolve(o.logs);
        const logs = new ServingLogs(logsDir, `replay-${process.pid}`);
        try {
          const r = await replay({ model: name, stable, candidate, policy, rows, options: options.data, logs });
          const { decisions: _lines, ...summary } = r;
          out.result({ ...summary, logsDir }, () =>
            [
              `replayed ${r.rows.toLocaleString('en-US')} rows through ${name} (${policy.kind}): ${Object.entries(r.served).map(([v, n]) => `${v} answered ${n}`).join(', ')}`,
              ...r.decisions.map((d) => `  after ${d.decisions} decisions: ${d.action.toUpperCase()} (step ${d.step}, candidate ${d.weights.candidate} %): ${d.reason}`),
              r.final ? `canary ${r.final}` : '',
              `logs: ${logsDir}`,
            ].filter(Boolean).join('\n'),
          );
        } finally {
          logs.close();
        }
      });
    });
}
