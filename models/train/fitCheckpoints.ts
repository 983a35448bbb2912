/**
 * How a run's network fits share its checkpoint, for trainModel (mlp) and trainTextRun (textnet) alike.
 * Outside k-fold a run fits one network, whose checkpoints are the run's; in k-fold each fit (the folds,
 * then the final one) takes its turn in the run checkpoint (hooks.fits, a FitSequence).
 */
import type { FitCheckpointing } from '../nn/train/checkpoint';
import type { TrainHooks } from './types';

export interface RunFitCheckpoints {
  /** Where a resumed run's curve goes on: after the epochs its checkpoint holds (k-fold: all stored fits'). */
  firstStep: number;
  /** The next fit's share; call once per network fit, in the run's order. */
  next(): Partial<FitCheckpointing>;
}

export function runFitCheckpoints(run: { kfold: boolean; network: boolean }, hooks: TrainHooks): RunFitCheckpoints {
  if (!run.network) return { firstStep: 0, next: () => ({}) };
  if (run.kfold) return { firstStep: hooks.fits?.storedEpochs ?? 0, next: () => hooks.fits?.next() ?? {} };
  return { firstStep: hooks.resumeFrom?.epoch ?? 0, next: () => ({ onCheckpoint: hooks.onCheckpoint, resumeFrom: hooks.resumeFrom }) };
}
