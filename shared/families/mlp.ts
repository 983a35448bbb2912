import { defineFamily } from './define';

/** A dense feed-forward network in TF.js (models/mlp). */
export const mlp = defineFamily({
  id: 'mlp',
  label: 'Neural network (MLP)',
  description: 'A network of dense (or any) layers on standardised inputs, trained with AdamW on the fastest TF.js backend.',
  tasks: ['regression', 'binary', 'multiclass'],
  params: {
    hidden: { kind: 'intList', label: 'Hidden layers', help: 'Units per hidden layer, comma-separated.', default: [64, 32], min: 1, max: 4096, maxLength: 16, form: true, sweep: { choices: ['32', '64,32', '128,64'] as const } },
    epochs: { kind: 'int', label: 'Epochs', help: 'Passes over the training rows.', default: 50, min: 1, max: 10_000, form: true, sweep: { lo: 10, hi: 200, log: true } },
    learningRate: { kind: 'float', label: 'Learning rate', help: 'AdamW step size.', default: 0.001, min: 0, minOpen: true, max: 1, step: 0.0001, form: true, sweep: { lo: 0.0001, hi: 0.01, log: true } },
    batchSize: { kind: 'int', label: 'Batch size', help: 'Rows per gradient step.', default: 64, min: 1, max: 65_536, sweep: { lo: 16, hi: 512, log: true } },
    dropout: { kind: 'float', label: 'Dropout', help: 'Share of units dropped in training after each hidden layer.', default: 0.1, min: 0, max: 0.9, step: 0.05, sweep: { lo: 0, hi: 0.5 } },
    l2: { kind: 'float', label: 'L2', help: 'Penalty on the layer weights.', default: 0, min: 0, max: 10, sweep: { lo: 0.00001, hi: 0.1, log: true } },
    arch: { kind: 'text', label: 'Architecture', help: 'The network as JSON (input and layers); empty: dense ReLU layers from Hidden layers and Dropout.', default: '', maxLength: 200_000 },
  },
  searchFirst: ['learningRate', 'hidden'],
  progressTotal: (p) => p.epochs,
});
