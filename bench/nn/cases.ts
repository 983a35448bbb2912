/** The bench/nn cases, stated once: Lathe builds them from these specs and the PyTorch anchor from the same numbers. */
import type { NetworkSpecInput } from '../../shared/nn/index';
import type { LossName } from '../../models/nn/train/index';
import { housing, LSTM_STEPS, TEXT_LENGTH, TEXT_VOCABULARY, tokens, windows, type Workload } from './data';

export interface BenchCase {
  name: 'mlp' | 'lstm' | 'text';
  label: string;
  spec: NetworkSpecInput;
  loss: LossName;
  batchSize: number;
  learningRate: number;
  weightDecay: number;
  /** Epochs timed after one warm-up epoch. */
  epochs: number;
  data: () => Workload;
  /** What the anchor builds (read by torch_nn.py). */
  torch: Record<string, number | string>;
}

export const CASES: BenchCase[] = [
  {
    name: 'mlp', label: 'MLP 20-128-64-1, housing',
    spec: { input: { kind: 'table', features: 20 }, layers: [{ type: 'dense', units: 128, activation: 'relu' }, { type: 'dense', units: 64, activation: 'relu' }, { type: 'output', units: 1 }] },
    loss: 'meanSquaredError', batchSize: 256, learningRate: 1e-3, weightDecay: 0.01, epochs: 5, data: housing,
    torch: { kind: 'mlp', features: 20, hidden1: 128, hidden2: 64 },
  },
  {
    name: 'lstm', label: `LSTM(64) over ${LSTM_STEPS} steps`,
    spec: { input: { kind: 'sequence', steps: LSTM_STEPS, features: 1 }, layers: [{ type: 'lstm', units: 64 }, { type: 'output', units: 1 }] },
    loss: 'meanSquaredError', batchSize: 256, learningRate: 1e-3, weightDecay: 0.01, epochs: 1, data: () => windows(),
    torch: { kind: 'lstm', steps: LSTM_STEPS, units: 64 },
  },
  {
    name: 'text', label: `embedding bag ${TEXT_VOCABULARY}×32, ${TEXT_LENGTH} tokens, dense 32, 2 classes`,
    spec: { input: { kind: 'tokens', vocabulary: TEXT_VOCABULARY, length: TEXT_LENGTH }, layers: [{ type: 'embeddingBag', inputDim: TEXT_VOCABULARY, outputDim: 32 }, { type: 'dense', units: 32, activation: 'relu' }, { type: 'output', units: 2 }] },
    loss: 'softmaxCrossEntropy', batchSize: 256, learningRate: 1e-3, weightDecay: 0.01, epochs: 1, data: () => tokens(),
    torch: { kind: 'text', vocabulary: TEXT_VOCABULARY, dim: 32, hidden: 32, classes: 2 },
  },
];
