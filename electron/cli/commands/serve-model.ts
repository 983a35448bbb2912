/**
 * `lathe serve-model NAME[@VERSION|@ALIAS]`: resolves the version(s) a policy needs in the registry, exports each to a
 * cache folder (`<home>/serving/NAME/VERSION`, reused while its bundle is whole), closes the database and serves them
 * with the standalone runtime (electron/serving): onnxruntime-node and plain Node HTTP, no SQLite at request time.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ApiError } from '../../../shared/api/errors';
import type { ModelDetailDto } from '../../../shared/api/methods/registry';
import { candidateOf, SERVER_DEFAULTS, type ServingPolicy } from '../../../shared/serving/index';
import { readPolicyFile } from '../../serving/policy-file';
import { startServer } from '../../serving/start';
import { withCore } from '../run-job';
import { makeOutput } from '../output';
import type { GlobalOptions } from '../main';

interface ServeModelOptions {
  policy?: string;
  port: string;
  host: string;
  token?: string;
  logs?: string;
}

/** NAME@X → [NAME, X]; a bare NAME serves its production alias, else its newest version. */
export function splitRef(ref: string): [string, string | null] {
  const at = ref.lastIndexOf('@');
  return at < 0 ? [ref, null] : [ref.slice(0, at), ref.slice(at + 1)];
}

/** A version or alias of `detail` (optionally spelled NAME@X) → the version; a problem names `field`. */
export function resolveVersion(detail: ModelDetailDto, ref: string | null, field: string): string {
  if (ref === null) {
    const v = detail.aliases.production ?? detail.versions[0]?.version;
    if (!v) throw new ApiError('not_found', `${detail.name} has no versions`, { field });
    return v;
  }
  const [name, x] = ref.includes('@') ? splitRef(ref) : [detail.name, ref];
  if (name !== detail.name) throw new ApiError('bad_request', `${field}: ${ref} names model ${name}; the server serves versions of ${detail.name}`, { field });
  if (detail.versions.some((v) => v.version === x)) return x!;
  const aliased = x ? detail.aliases[x] : undefined;
  if (aliased) return aliased;
  throw new ApiError('not_found', `${field}: ${detail.name} has no version or alias '${x}' (versions ${detail.versions.map((v) => v.version).join(', ') || 'none'}; aliases ${Object.keys(detail.aliases).join(', ') || 'none'})`, { field });
}

const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');

/** The bundle's folder in the cache, exported unless a whole ONNX bundle of that version is there already. */
export async function exportedBundle(call: (ref: string, dir: string) => Promise<unknown>, home: string, name: string, version: string): Promise<string> {
  const dir = path.join(home, 'serving', safeName(name), safeName(version));
  const manifest = path.join(dir, 'manifest.json');
  if (fs.existsSync(manifest) && fs.existsSync(path.join(dir, 'model.onnx'))) {
    const m = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { format?: string; version?: string };
    if (m.format === 'onnx' && m.version === version) return dir;
  }
  await call(`${name}@${version}`, dir);
  const m = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { format?: string; inputs?: unknown };
  if (m.format !== 'onnx' || !Array.isArray(m.inputs)) {
    throw new ApiError('bad_request', `${name}@${version} exports as a ${m.format ?? 'different'} bundle; serve-model serves tabular models (ONNX with their preprocessing)`, { field: 'model' });
  }
  return dir;
}

export function registerServeModel(program: Command): void {
  program
    .command('serve-model <model>')
    .description('serve NAME[@VERSION|@ALIAS] over HTTP (POST /predict, POST /feedback, GET /health, GET /metrics) with a traffic policy: single, canary, ab or shadow')
    .option('--policy <file>', 'policy file (JSON): kind single | canary | ab | shadow; see docs/architecture.md')
    .option('--port <n>', 'port to listen on (0: any free one)', String(SERVER_DEFAULTS.port))
    .option('--host <host>', 'address to bind (default 127.0.0.1: this machine only)', SERVER_DEFAULTS.host)
    .option('--token <token>', 'require "Authorization: Bearer TOKEN" (default: $LATHE_SERVE_TOKEN; none if unset)')
    .option('--logs <dir>', 'write prediction, feedback and decision logs (JSON lines) into this folder')
    .action(async (ref: string, o: ServeModelOptions) => {
      const g = program.opts<GlobalOptions>();
      const port = Number(o.port);
      const out = makeOutput(Boolean(g.json));
      if (!Number.isInteger(port) || port < 0 || port > 65535) out.fail(new ApiError('bad_request', `--port must be a port number (0–65535), not '${o.port}'`, { field: 'port' }));
      let policy: ServingPolicy | undefined;
      try {
        policy = o.policy ? readPolicyFile(o.policy) : undefined;
      } catch (err) {
        out.fail(new ApiError('bad_request', (err as Error).message, { field: 'policy' }));
      }
      const [name, stableRef] = splitRef(ref);
      const plan: { stable?: { version: string; dir: string }; candidate?: { version: string; dir: string } } = {};
      await withCore(g, async (core) => {
        const detail = await core.call('models.get', { name });
        const exportTo = (r: string, dir: string) => core.call('models.export', { model: r, format: 'onnx', outDir: dir, force: true });
        const stableFrom = policy && policy.kind !== 'single' ? policy.stable ?? stableRef : policy?.kind === 'single' ? policy.version ?? stableRef : stableRef;
        const stable = resolveVersion(detail, stableFrom, policy?.kind === 'single' && policy.version ? 'policy.version' : policy && 'stable' in policy && policy.stable ? 'policy.stable' : 'model');
        plan.stable = { version: stable, dir: await exportedBundle(exportTo, core.home, name, stable) };
        const candRef = policy ? candidateOf(policy) : null;
        if (candRef) {
          const candidate = resolveVersion(detail, candRef, 'policy.candidate');
          if (candidate === stable) throw new ApiError('bad_request', `policy.candidate: ${candRef} is ${candidate}, the stable version itself`, { field: 'policy.candidate' });
          plan.candidate = { version: candidate, dir: await exportedBundle(exportTo, core.home, name, candidate) };
        }
      }).catch((err: unknown) => out.fail(err));
      // The database is closed here: requests never touch it.
      try {
        await startServer({
          model: name, stableDir: plan.stable!.dir, stableVersion: plan.stable!.version, candidateDir: plan.candidate?.dir, candidateVersion: plan.candidate?.version,
          policy, host: o.host, port, token: o.token ?? process.env.LATHE_SERVE_TOKEN ?? null, logsDir: o.logs ? path.resolve(o.logs) : null,
          onListening: (url) =>
            out.result(
              { listening: url, model: name, policy: policy?.kind ?? 'single', versions: [{ version: plan.stable!.version, role: 'stable', dir: plan.stable!.dir }, ...(plan.candidate ? [{ version: plan.candidate.version, role: 'candidate', dir: plan.candidate.dir }] : [])], logs: o.logs ? path.resolve(o.logs) : null },
              () => [`listening on ${url}`, `  ${name}@${plan.stable!.version} (stable)${plan.candidate ? `, ${name}@${plan.candidate.version} (candidate, ${policy!.kind})` : ''}`, o.logs ? `  logs: ${path.resolve(o.logs)}` : ''].filter(Boolean).join('\n'),
            ),
        });
      } catch (err) {
        out.fail((err as NodeJS.ErrnoException).code === 'EADDRINUSE' ? new ApiError('conflict', `port ${port} on ${o.host} is in use; pass --port`, { field: 'port' }) : err);
      }
    });
}
