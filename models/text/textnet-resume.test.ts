import { describe, expect, it } from 'vitest';
import { TextnetModel, type TextnetParams } from './textnet';
import type { TrainCheckpoint } from '../nn/train/checkpoint';

const base = ['great food and friendly staff', 'awful service, cold food', 'loved it, will come back', 'never again, rude and slow', 'the best pizza in town', 'worst meal I have had'];
const texts = Array.from({ length: 8 }, (_, k) => base.map((t) => `${t} ${k % 2 ? 'really' : 'truly'} ${k}`)).flat();
const labels = Array.from({ length: 8 }, () => ['pos', 'neg', 'pos', 'neg', 'pos', 'neg']).flat();
const params: Partial<TextnetParams> = { backends: ['cpu'], maxEpochs: 8, patience: 100, validationShare: 0.25, embeddingDim: 8, hidden: 6, dropout: 0.3, batchSize: 8, learningRate: 0.03, seed: 9 };

const weightsOf = (m: TextnetModel) => (m.toJSON().state as { weights: unknown }).weights;

describe('textnet resume', () => {
  for (const engine of ['auto', 'tfjs'] as const) {
    it(`a fit stopped after epoch 3 and resumed from its checkpoint ends with the weights of an uninterrupted one (${engine})`, async () => {
      const straight = await TextnetModel.fit(texts, labels, { ...params, engine });
      let saved: TrainCheckpoint | null = null;
      await expect(TextnetModel.fit(texts, labels, { ...params, engine }, {
        onCheckpoint: (c) => {
          // Through JSON, as the run's stored checkpoint is.
          saved = JSON.parse(JSON.stringify(c)) as TrainCheckpoint;
          if (c.epoch === 3) throw new Error('crash');
        },
      })).rejects.toThrow('crash');
      expect(saved!.epoch).toBe(3);
      const steps: number[] = [];
      const resumed = await TextnetModel.fit(texts, labels, { ...params, engine }, { resumeFrom: saved!, onMetrics: (step) => steps.push(step) });
      // Only the epochs after the checkpoint ran again.
      expect(steps).toEqual([3, 4, 5, 6, 7]);
      expect([resumed.epochs, resumed.bestEpoch]).toEqual([straight.epochs, straight.bestEpoch]);
      expect(weightsOf(resumed)).toEqual(weightsOf(straight));
      // A checkpoint of other settings is refused, naming the difference.
      await expect(TextnetModel.fit(texts, labels, { ...params, engine, batchSize: 16 }, { resumeFrom: saved! })).rejects.toThrow(/batchSize 8, this run has 16/);
      straight.dispose();
      resumed.dispose();
    });
  }
});
