import path from 'node:path';
import type { Command } from 'commander';
import { ApiError } from '../../../shared/api/errors';
import { COLUMN_TYPES, type ColumnType, type ImportResultDto } from '../../../shared/api/datasets-dto';
import { describeQuote } from '../../../shared/import-quote';
import { MAX_SKIPPED_PERCENT } from '../../../shared/import-guard';
import { withCore, waitForJob } from '../run-job';
import type { GlobalOptions } from '../main';

const collect = (v: string, prev: string[]) => prev.concat(v);

interface ImportOptions {
  name?: string;
  header?: boolean;
  delimiter?: string;
  encoding?: string;
  quote?: string;
  quotes: boolean;
  columns?: string;
  type: string[];
  skipBadRows?: boolean;
  allowSkipped?: boolean;
  skipLines: number;
  appendTo?: string;
  newVersion?: boolean;
}

function parseTypes(pairs: string[]): Record<string, ColumnType> {
  const out: Record<string, ColumnType> = {};
  for (const p of pairs) {
    const [col, type] = p.split('=');
    if (!col || !COLUMN_TYPES.includes(type as ColumnType)) {
      throw new ApiError('bad_request', `--type expects COLUMN=TYPE with TYPE one of ${COLUMN_TYPES.join(', ')}; got '${p}'`, { field: 'types' });
    }
    out[col] = type as ColumnType;
  }
  return out;
}

function versionLine(r: ImportResultDto): string {
  const total = `${r.rows.toLocaleString('en-US')} rows`;
  if (r.unchanged) return `'${r.name}' is unchanged, version ${r.version} (${total}; the file's sha256 is the current version's)`;
  const skipped = r.skippedRows ? ` (${r.skippedRows} bad rows skipped)` : '';
  return r.appended === r.rows
    ? `'${r.name}' version ${r.version}: its rows replaced by ${total}${skipped}`
    : `'${r.name}' version ${r.version}: appended ${r.appended.toLocaleString('en-US')} rows, ${total} in all${skipped}`;
}

export function registerDatasets(program: Command): void {
  program
    .command('import <file>')
    .description('import a CSV/TSV (any delimiter), JSON Lines or Parquet file as a dataset')
    .option('--name <name>', 'dataset name (default: the file name)')
    .option('--no-header', 'the first row is data, not column names')
    .option('--header', 'the first row is column names')
    .option('--delimiter <c>', 'field delimiter (default: sniffed); \\t for tab')
    .option('--encoding <e>', 'utf-8 or latin1 (default: detected)')
    .option('--quote <c>', 'quote character, or none when quotes are ordinary text (default: detected)')
    .option('--no-quotes', 'same as --quote none')
    .option('--columns <names>', 'comma-separated column names to use')
    .option('--type <col=type>', 'fix a column type (repeatable)', collect, [])
    .option('--skip-bad-rows', 'skip and count rows that do not fit, instead of stopping')
    .option('--allow-skipped', `with --skip-bad-rows: import even when more than ${MAX_SKIPPED_PERCENT} of the rows are skipped (refused otherwise)`)
    .option('--skip-lines <n>', 'leading lines to pass over before the header or first row', (v) => Number(v), 0)
    .option('--append-to <dataset>', "append the file's rows to this dataset as its next version (same columns)")
    .option('--new-version', 'with --name: replace that dataset\'s rows with this file as its next version (a re-import of its own source file does so anyway)')
    .action(async (file: string, o: ImportOptions, cmd: Command) => {
      const explicitHeader = cmd.getOptionValueSource('header') === 'cli';
      await withCore(program.opts<GlobalOptions>(), async (core, out) => {
        const { jobId } = await core.call('datasets.import', {
          path: path.resolve(file),
          name: o.name,
          header: explicitHeader ? (o.header ? 'yes' : 'no') : 'auto',
          delimiter: o.delimiter === undefined ? 'auto' : o.delimiter === '\\t' ? '\t' : o.delimiter,
          encoding: (o.encoding ?? 'auto') as 'auto',
          quotes: o.quotes,
          quote: o.quote ?? 'auto',
          columns: o.columns?.split(',').map((s) => s.trim()),
          types: parseTypes(o.type),
          badRows: o.skipBadRows ? 'skip' : 'error',
          allowSkipped: o.allowSkipped ?? false,
          skipLines: o.skipLines,
          appendTo: o.appendTo,
          newVersion: o.newVersion ?? false,
        });
        const r = await waitForJob(core, 'datasets.import', jobId, out.json);
        const { options } = await core.call('datasets.get', { id: r.id });
        const quoting = describeQuote(options);
        if (r.unchanged || o.appendTo !== undefined || r.version > 1) {
          out.result(r, () => versionLine(r));
          return;
        }
        out.result({ ...r, quote: options.quote ?? null, quoteDetected: options.quoteDetected ?? false }, () =>
          [`Imported '${r.name}': ${r.rows.toLocaleString('en-US')} rows × ${r.columns.length} columns${r.skippedRows ? ` (${r.skippedRows} bad rows skipped)` : ''}`,
            ...(quoting ? [`  ${quoting}`] : []),
            ...r.columns.map((c) => `  ${c.name.padEnd(24)} ${c.type.padEnd(12)} ${c.missing ? `${c.missing} missing` : ''}`)].join('\n'),
        );
      });
    });

  program
    .command('datasets')
    .description('list datasets')
    .action(async () => {
      await withCore(program.opts<GlobalOptions>(), async (core, out) => {
        const list = await core.call('datasets.list', {});
        out.result(list, () =>
          list.length === 0 ? 'No datasets yet: lathe import FILE' : list.map((d) => `${d.name.padEnd(32)} ${String(d.rows).padStart(9)} rows × ${d.columns}  ${d.id}`).join('\n'),
        );
      });
    });

  program
    .command('profile <dataset>')
    .description("a dataset's profile: per-column statistics and correlations")
    .action(async (name: string) => {
      await withCore(program.opts<GlobalOptions>(), async (core, out) => {
        const { id } = await core.call('datasets.get', { id: name });
        let { profile, jobId } = await core.call('datasets.profile', { id });
        if (!profile && jobId) {
          await waitForJob(core, 'datasets.profile', jobId, out.json);
          profile = (await core.call('datasets.profile', { id })).profile;
        }
        out.result(profile, () =>
          profile!.columns
            .map((c) => `${c.name.padEnd(24)} ${c.type.padEnd(12)} missing ${String(c.missing).padStart(6)}  distinct ${c.distinct}${c.mean !== null ? `  mean ${c.mean.toPrecision(5)}  std ${c.std!.toPrecision(5)}` : ''}`)
            .join('\n'),
        );
      });
    });
}
