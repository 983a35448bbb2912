import type { Command } from 'commander';
import { ApiError } from '../../../shared/api/errors';
import type { ModelDetailDto } from '../../../shared/api/methods/registry';
import { withCore } from '../run-job';
import type { GlobalOptions } from '../main';

function splitRef(ref: string): { name: string; version: string } {
  const at = ref.lastIndexOf('@');
  if (at <= 0 || at === ref.length - 1) throw new ApiError('bad_request', `Expected NAME@VERSION, got '${ref}'`, { field: 'model' });
  return { name: ref.slice(0, at), version: ref.slice(at + 1) };
}

function describe(d: ModelDetailDto): string {
  const lines = [`${d.name}`];
  for (const v of d.versions) lines.push(`  ${v.version.padEnd(8)} run ${v.runId.slice(0, 8)}  ${v.family ?? ''} ${v.aliases.length ? `[${v.aliases.join(', ')}]` : ''}`);
  if (d.history.length) lines.push('  history:', ...d.history.map((h) => `    ${h.at}  ${h.alias}: ${h.fromVersion ?? '—'} → ${h.toVersion}${h.action === 'rollback' ? ' (rollback)' : ''}${h.note ? `  "${h.note}"` : ''}`));
  return lines.join('\n');
}

export function registerRegistry(program: Command): void {
  program
    .command('models [name]')
    .description('list registered models, or one model with its versions, aliases and history')
    .action(async (name?: string) => {
      await withCore(program.opts<GlobalOptions>(), async (core, out) => {
        if (name) {
          const d = await core.call('models.get', { name });
          out.result(d, () => describe(d));
        } else {
          const list = await core.call('models.list', {});
          out.result(list, () =>
            list.length === 0 ? 'No registered models: lathe register RUN --name NAME' : list.map((m) => `${m.name.padEnd(28)} ${m.latestVersion.padEnd(8)} ${Object.entries(m.aliases).map(([a, v]) => `${a}→${v}`).join(' ')}`).join('\n'),
          );
        }
      });
    });

  program
    .command('register <run>')
    .description('register a run as the next version of a named model')
    .requiredOption('--name <name>', 'model name')
    .option('--description <text>', 'what this version is', '')
    .option('--bump <part>', 'major, minor or patch (default: major when the inputs changed, else minor)')
    .action(async (run: string, o: { name: string; description: string; bump?: 'major' | 'minor' | 'patch' }) => {
      await withCore(program.opts<GlobalOptions>(), async (core, out) => {
        const v = await core.call('models.register', { runId: run, name: o.name, description: o.description, bump: o.bump });
        const line = `registered ${v.name}@${v.version} (run ${v.runId.slice(0, 8)}, dataset ${v.datasetName ?? '?'} sha256 ${v.datasetSha256?.slice(0, 12) ?? '?'}, seed ${v.seed})`;
        out.result(v, () => (v.warning ? `${line}\nwarning: ${v.warning}` : line));
      });
    });

  program
    .command('promote <ref>')
    .description('point an alias (production, staging, …) at NAME@VERSION')
    .requiredOption('--alias <alias>', 'alias to move')
    .option('--note <text>', 'why, for the history', '')
    .action(async (ref: string, o: { alias: string; note: string }) => {
      await withCore(program.opts<GlobalOptions>(), async (core, out) => {
        const { name, version } = splitRef(ref);
        const d = await core.call('models.promote', { name, version, alias: o.alias, note: o.note });
        out.result(d, () => `${name}@${o.alias} → ${version}`);
      });
    });

  program
    .command('rollback <name>')
    .description('move an alias back to the version it pointed at before')
    .requiredOption('--alias <alias>', 'alias to roll back')
    .option('--note <text>', 'why, for the history', '')
    .action(async (name: string, o: { alias: string; note: string }) => {
      await withCore(program.opts<GlobalOptions>(), async (core, out) => {
        const d = await core.call('models.rollback', { name, alias: o.alias, note: o.note });
        out.result(d, () => `${name}@${o.alias} → ${d.aliases[o.alias]} (rolled back)`);
      });
    });
}
