import { defineFamily } from './define';

/** A small network trained from scratch on a text column: an embedding bag of word n-grams (models/text/textnet.ts). */
export const textnet = defineFamily({
  id: 'textnet',
  label: 'Text network (embedding bag)',
  description: 'Mean of learned word and word-pair embeddings, a dense layer and softmax, in TF.js with early stopping.',
  tasks: ['binary', 'multiclass'],
  input: 'text',
  params: {
    embeddingDim: { kind: 'int', label: 'Embedding size', help: 'Length of each word and word-pair embedding.', default: 32, min: 2, max: 1024, form: true, sweep: { lo: 16, hi: 128, log: true } },
    hidden: { kind: 'int', label: 'Hidden units', help: 'Units of the dense ReLU layer after the embedding bag.', default: 32, min: 1, max: 4096, form: true, sweep: { lo: 16, hi: 128, log: true } },
    dropout: { kind: 'float', label: 'Dropout', help: 'Share of hidden units dropped in training.', default: 0.5, min: 0, max: 0.9, step: 0.05, sweep: { lo: 0, hi: 0.6 } },
    learningRate: { kind: 'float', label: 'Learning rate', help: 'Adam step size.', default: 0.002, min: 0, minOpen: true, max: 1, step: 0.0005, form: true, sweep: { lo: 0.0005, hi: 0.01, log: true } },
    batchSize: { kind: 'int', label: 'Batch size', help: 'Texts per gradient step.', default: 32, min: 1, max: 4096, sweep: { lo: 16, hi: 128, log: true } },
    maxEpochs: { kind: 'int', label: 'Epochs', help: 'Most passes over the training texts (early stopping may end sooner).', default: 60, min: 1, max: 1000, form: true },
    patience: { kind: 'int', label: 'Patience', help: 'Epochs without a better validation loss before stopping (the best epoch is kept).', default: 6, min: 1, max: 1000 },
    validationShare: { kind: 'float', label: 'Validation share', help: 'Share of training texts held out to decide when to stop.', default: 0.1, min: 0.02, max: 0.5, step: 0.05 },
    wordNgrams: { kind: 'int', label: 'Word n-grams', help: 'Longest word n-gram embedded (1: single words, 2: adds word pairs).', default: 2, min: 1, max: 3, sweep: { lo: 1, hi: 3 } },
    maxFeatures: { kind: 'int', label: 'Vocabulary', help: 'Most frequent n-grams kept.', default: 30_000, min: 100, max: 1_000_000 },
  },
  searchFirst: ['learningRate', 'embeddingDim'],
  progressTotal: (p) => p.maxEpochs,
});
