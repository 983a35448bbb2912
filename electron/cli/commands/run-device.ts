import type { Command } from 'commander';
import { withCore } from '../run-job';
import type { GlobalOptions } from '../main';
import type { TrainingDeviceDto } from '../../../shared/api/runs-dto';
import { runDeviceOf } from '../../../shared/api/run-device';

/** The device lines of a network run: what trained it, then each backend tried with why it was skipped. */
export function deviceText(d: TrainingDeviceDto): string {
  return [
    `trained on ${d.trainedOn ?? d.backend}`,
    ...d.tried.map((t) => `  ${t.name.padEnd(15)} ${t.ok ? 'chosen' : `skipped: ${t.reason}`}`),
    ...(d.trainedOn === 'wasm-kernel' ? ['  wasm-kernel     trained the batches'] : []),
    ...(d.kernelSkipped ? [`  wasm-kernel     not used: the network has ${d.kernelSkipped}`] : []),
  ].join('\n');
}

/** lathe runs device RUN: where a network run trained and why the other devices were not used. */
export function registerRunDevice(runs: Command, program: Command): void {
  runs
    .command('device <run>')
    .description('where a network run trained: the device, each backend tried with why it was skipped, and whether the WebAssembly kernel trained it')
    .action(async (ref: string) => {
      await withCore(program.opts<GlobalOptions>(), async (core, out) => {
        const run = await core.call('runs.get', { id: ref, maxPoints: 0 });
        const device = runDeviceOf(run);
        out.result(device, () => (device ? deviceText(device) : `run ${run.id.slice(0, 8)} records no training device (not a network run, or trained before devices were recorded)`));
      });
    });
}
