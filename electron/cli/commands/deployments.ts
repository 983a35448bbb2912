import type { Command } from 'commander';
import type { DeploymentDetailDto, DeploymentSummaryDto, IntervalDto } from '../../../shared/api/methods/deployments';
import { withCore } from '../run-job';
import type { GlobalOptions } from '../main';

interface ImportOptions {
  name?: string;
  model?: string;
  alias: string;
  window?: string;
  margin: string;
}

/** The `deployments` command group, made once: other files add their subcommands (replay) to the same group. */
export function deploymentsCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'deployments') ??
    program.command('deployments').description('deployments served by lathe serve-model: import their logs, list them, show one')
  );
}

const when = (s: string | null) => (s ? s.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '–');
const num = (v: number) => (!Number.isFinite(v) ? '–' : Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : v.toPrecision(3));
const interval = (m: IntervalDto) => (m.method === 'none' ? num(m.estimate) : `${num(m.estimate)} [${num(m.lo)}, ${num(m.hi)}]`);

function summaryLine(d: DeploymentSummaryDto): string {
  return `${d.id.slice(0, 8)}  ${d.name.padEnd(24)} ${d.policy.padEnd(7)} ${d.versions.join(' → ').padEnd(16)} ${d.outcome.padEnd(12)} ${d.requests.toLocaleString('en-US').padStart(8)} requests  ${when(d.startedAt)}`;
}

/** The readable detail: versions' totals, the canary timeline, and the comparisons. */
export function deploymentText(d: DeploymentDetailDto): string {
  const lines = [`${d.name} (${d.policy}, ${d.outcome})${d.modelName ? ` model ${d.modelName}` : ''}`, `  ${when(d.startedAt)} – ${when(d.endedAt)}, ${d.requests.toLocaleString('en-US')} requests, windows of ${d.windowS} s`];
  const last = new Map(d.windows.map((w) => [w.version, w]));
  for (const [version, w] of last) {
    const m = Object.entries(w.metrics).map(([k, v]) => `${k} ${interval(v)}`).join(', ');
    lines.push(`  ${version}: last window ${Math.round(w.share * 100)} % of traffic; ${m}`);
  }
  if (d.timeline.length) {
    lines.push('  timeline:');
    for (const s of d.timeline) {
      const move = s.aliasMove ? `  [${s.aliasMove.alias}: ${s.aliasMove.from ?? '–'} → ${s.aliasMove.to}]` : '';
      lines.push(`    ${when(s.at)}  step ${s.canaryStep}  ${s.action.toUpperCase().padEnd(8)} candidate ${s.traffic.candidate} %  ${s.reason}${move}`);
    }
  }
  for (const c of d.comparisons) {
    lines.push(`  ${c.versionB} vs ${c.versionA} (${c.metric}, ${c.rows.toLocaleString('en-US')} ${c.design === 'paired' ? 'paired rows' : 'rows in two arms'}): ${c.text}; B − A ${num(c.difference.estimate)} [${num(c.difference.lo)}, ${num(c.difference.hi)}]`);
  }
  return lines.join('\n');
}

export function registerDeployments(program: Command): void {
  const group = deploymentsCommand(program);
  group
    .command('import <dir>')
    .description('read a serve-model --logs folder into Lathe (the same logs again change nothing)')
    .option('--name <name>', 'deployment name (default: the folder name); importing under a known name replaces it')
    .option('--model <name>', 'registered model the versions belong to: server rollbacks go into its alias history')
    .option('--alias <alias>', 'alias a server rollback or promotion moves', 'production')
    .option('--window <seconds>', 'seconds per metrics window (default: the span over 30)')
    .option('--margin <x>', 'smallest candidate − stable difference that matters, in metric units', '0')
    .action(async (dir: string, o: ImportOptions) => {
      await withCore(program.opts<GlobalOptions>(), async (core, out) => {
        const r = await core.call('deployments.import', {
          dir, name: o.name, model: o.model, alias: o.alias, margin: Number(o.margin), windowS: o.window === undefined ? undefined : Number(o.window),
        });
        out.result(r, () =>
          r.unchanged
            ? `${r.deployment.name}: already imported from the same logs; nothing changed`
            : `imported ${r.deployment.name} (${r.deployment.id.slice(0, 8)}): ${r.lines.toLocaleString('en-US')} lines from ${r.files} files, ${r.deployment.policy}, ${r.deployment.outcome}` +
              (r.aliasMoves ? `; ${r.aliasMoves} alias move${r.aliasMoves > 1 ? 's' : ''} written to the registry` : ''),
        );
      });
    });
  group
    .command('list')
    .description('imported deployments, newest first')
    .action(async () => {
      await withCore(program.opts<GlobalOptions>(), async (core, out) => {
        const list = await core.call('deployments.list', {});
        out.result(list, () => (list.length === 0 ? 'No deployments: lathe deployments import DIR' : list.map(summaryLine).join('\n')));
      });
    });
  group
    .command('show <id>')
    .description('one deployment (id, id prefix or name): traffic, metrics, canary timeline, comparisons')
    .action(async (id: string) => {
      await withCore(program.opts<GlobalOptions>(), async (core, out) => {
        const d = await core.call('deployments.get', { id });
        out.result(d, () => deploymentText(d));
      });
    });
}
