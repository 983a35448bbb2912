import path from 'node:path';
import type { Command } from 'commander';
import { ApiError } from '../../../shared/api/errors';
import { withCore } from '../run-job';
import type { GlobalOptions } from '../main';

/** An empty --out would resolve to the current folder: refused, never guessed. */
export function outPath(value: string, what: string): string {
  if (!value.trim()) throw new ApiError('bad_request', `--out must name ${what}; it is empty`, { field: 'out' });
  return path.resolve(value);
}

/** A refusal to replace files, with the flag that allows it. */
export function withForceHint(err: unknown): unknown {
  if (err instanceof ApiError && err.code === 'conflict' && Array.isArray((err.details as { files?: unknown })?.files)) {
    return new ApiError('conflict', `${err.message} Pass --force to replace, or choose another --out.`, err.details);
  }
  return err;
}

export function registerExport(program: Command): void {
  program
    .command('export <model>')
    .description('export RUN or NAME@VERSION with its preprocessing (ONNX, or TF.js for mlp and textnet; text models with their tokenizer; recommenders as an ONNX scorer with their id maps, seen items and serving examples), after a parity check')
    .requiredOption('--out <dir>', 'folder to write the bundle into (nothing is written outside it)')
    .option('--format <f>', 'onnx or tfjs (forecast and recommender runs choose their own bundle)', 'onnx')
    .option('--force', 'replace files of the bundle already in the folder', false)
    .action(async (model: string, o: { out: string; format: 'onnx' | 'tfjs' | 'recommend'; force: boolean }) => {
      await withCore(program.opts<GlobalOptions>(), async (core, out) => {
        const r = await core
          .call('models.export', { model, format: o.format, outDir: outPath(o.out, 'a folder'), force: o.force })
          .catch((err: unknown) => {
            throw withForceHint(err);
          });
        out.result(r, () =>
          [
            `exported ${model} to ${r.outDir} (${(r.sizeBytes / 1024).toFixed(1)} KiB ${r.format})`,
            r.format === 'recommend'
              ? `parity on ${r.parity.rows} users' top lists: ${r.parity.labelMismatches} items differ, scores max abs ${r.parity.maxAbs.toExponential(2)}, max rel ${r.parity.maxRel.toExponential(2)}`
              : `parity on ${r.parity.rows} held-out rows: max abs ${r.parity.maxAbs.toExponential(2)}, max rel ${r.parity.maxRel.toExponential(2)}`,
            r.format === 'recommend' ? `latency: one user p50 ${r.latency.singleP50Us.toFixed(0)} µs, p99 ${r.latency.singleP99Us.toFixed(0)} µs; ${r.latency.batchRowsPerSec.toLocaleString('en-US')} users/s` : '',
            r.format === 'onnx' ? `latency: single row p50 ${r.latency.singleP50Us.toFixed(0)} µs, p99 ${r.latency.singleP99Us.toFixed(0)} µs; batch ${r.latency.batchRowsPerSec.toLocaleString('en-US')} rows/s` : '',
            ...r.files.map((f) => `  ${path.basename(f)}`),
          ].filter(Boolean).join('\n'),
        );
      });
    });
}
