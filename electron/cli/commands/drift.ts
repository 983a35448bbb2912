import type { Command } from 'commander';
import type { DriftFeatureDto, DriftReportDto } from '../../../shared/api/monitor-dto';
import { withCore } from '../run-job';
import type { GlobalOptions } from '../main';

interface DriftCliOptions {
  reference: string;
  current: string;
  columns?: string;
}

const fixed = (v: number | null, d = 3) => (v === null || !Number.isFinite(v) ? '–' : v.toFixed(d));
const pValue = (v: number) => (!Number.isFinite(v) ? '–' : v < 1e-4 ? '<1e-4' : v.toFixed(4));

/** The effect sizes of a feature, as the table shows them. */
function effects(f: DriftFeatureDto): string {
  const e = f.effect;
  return f.kind === 'numeric' ? `psi ${fixed(e.psi)} · w/sd ${fixed(e.wasserstein)}` : `js ${fixed(e.js)} · new ${fixed(e.newCategoryShare)}`;
}

function quality(f: DriftFeatureDto): string {
  const q = f.quality;
  const parts: string[] = [];
  if (q.flags.includes('missing')) parts.push(`missing ${fixed(q.missingReference * 100, 1)}→${fixed(q.missingCurrent * 100, 1)} %`);
  if (q.flags.includes('range')) parts.push(`${fixed((q.outOfRangeShare ?? 0) * 100, 1)} % out of range`);
  if (q.flags.includes('newCategories')) parts.push(`new: ${q.newCategories.slice(0, 3).join(', ')}${q.newCategories.length > 3 ? ', …' : ''}`);
  return parts.join('; ');
}

/** The readable report: one line per feature, worst first. */
export function driftTable(r: DriftReportDto): string {
  const rows = [...r.features, ...(r.prediction ? [{ ...r.prediction, name: '(prediction)' }] : [])];
  const width = Math.min(28, Math.max(7, ...rows.map((f) => f.name.length)));
  const side = (s: DriftReportDto['reference']) => `${s.label}: ${s.rows.toLocaleString('en-US')} rows${s.sampled ? ` (${s.compared.toLocaleString('en-US')} sampled)` : ''}`;
  const head = `${'feature'.padEnd(width)}  ${'severity'.padEnd(8)}  test  ${'statistic'.padStart(9)}  ${'p (BH)'.padStart(7)}  effect`;
  const lines = [
    `${r.drifted ? 'DRIFT' : 'No drift'}: ${r.features.filter((f) => f.drifted).length} of ${r.features.length} features drifted (${fixed(r.driftedShare * 100, 0)} %)`,
    `reference ${side(r.reference)}`,
    `current   ${side(r.current)}`,
    '',
    head,
    ...rows.map((f) => {
      const q = quality(f);
      return `${f.name.slice(0, width).padEnd(width)}  ${f.severity.padEnd(8)}  ${f.test.padEnd(4)}  ${fixed(f.statistic, 4).padStart(9)}  ${pValue(f.adjustedPValue).padStart(7)}  ${effects(f)}${q ? `  [${q}]` : ''}`;
    }),
  ];
  if (r.notes.length) lines.push('', ...r.notes);
  return lines.join('\n');
}

export function registerDrift(program: Command): void {
  program
    .command('drift')
    .description('drift and data-quality checks of a dataset against a reference dataset or a model version\'s training rows')
    .requiredOption('--reference <ref>', 'dataset name or id, or NAME@VERSION / NAME@ALIAS (its training rows)')
    .requiredOption('--current <dataset>', 'dataset name or id with the same columns')
    .option('--columns <a,b>', 'columns to compare (default: the model\'s inputs, or every non-text column)')
    .action(async (o: DriftCliOptions) => {
      await withCore(program.opts<GlobalOptions>(), async (core, out) => {
        const columns = o.columns?.split(',').map((c) => c.trim()).filter((c) => c.length > 0);
        const report = await core.call('monitor.drift', { reference: o.reference, current: o.current, columns: columns?.length ? columns : undefined });
        out.result(report, () => driftTable(report));
      });
    });
}
