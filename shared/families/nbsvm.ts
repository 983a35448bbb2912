import { defineFamily } from './define';
import { NBSVM_C_GRID, TEXT_INNER_FOLDS } from './text';

/** Naive Bayes–weighted logistic regression on word and character n-grams (models/text/nbsvm.ts). */
export const nbsvm = defineFamily({
  id: 'nbsvm',
  label: 'NB-SVM (text)',
  description: 'Naive Bayes log-count ratios on word and character n-grams with a linear classifier: the strongest text classifier on short reviews.',
  tasks: ['binary', 'multiclass'],
  input: 'text',
  params: {
    C: { kind: 'float', label: 'C', help: 'Inverse regularisation strength; 0 chooses it by inner cross-validation.', default: 0, min: 0, max: 1e6, step: 0.1, form: true, sweep: { lo: 0.1, hi: 10, log: true } },
    beta: { kind: 'float', label: 'Interpolation', help: 'Between the mean weight (0) and the fitted weights (1); the paper uses 0.25.', default: 0.25, min: 0, max: 1, step: 0.05, form: true, sweep: { lo: 0, hi: 1 } },
    alpha: { kind: 'float', label: 'Smoothing', help: 'Added to every n-gram count before the log-count ratios.', default: 1, min: 0, minOpen: true, max: 100, step: 0.1, sweep: { lo: 0.1, hi: 10, log: true } },
    wordNgrams: { kind: 'int', label: 'Word n-grams', help: 'Longest word n-gram counted (1: single words, 2: adds word pairs).', default: 2, min: 1, max: 3, form: true, sweep: { lo: 1, hi: 3 } },
    charNgrams: { kind: 'int', label: 'Character n-grams', help: 'Longest character n-gram counted inside words, from 2 up; below 2 counts none.', default: 5, min: 0, max: 6, form: true, sweep: { lo: 0, hi: 6 } },
    markNegation: { kind: 'bool', label: 'Mark negation', help: "Words after not, never or n't up to the next punctuation count as negated words.", default: true },
    lexiconFeature: { kind: 'bool', label: 'Lexicon feature', help: 'Adds the lexicon sentiment score as one more feature (not exportable to ONNX).', default: false },
    innerFolds: { kind: 'int', label: 'Inner folds', help: `Folds of the inner cross-validation that chooses C (it tries ${NBSVM_C_GRID.join(', ')}).`, default: TEXT_INNER_FOLDS, min: 2, max: 20 },
    maxIter: { kind: 'int', label: 'Iterations', help: 'Most optimiser iterations per fit.', default: 300, min: 1, max: 100_000 },
  },
  searchFirst: ['C', 'beta'],
  progressTotal: (p) => (p.C === 0 ? NBSVM_C_GRID.length * p.innerFolds : 0) + 1,
});
