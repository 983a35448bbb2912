import { defineFamily } from './define';
import { LINEAR_TEXT_C_GRID } from './text';

/**
 * Ridge regression, logistic and multinomial regression (models/linear). On a dataset whose features are one
 * text column, classification trains the text engine's tf-idf logistic regression instead (models/text/linear.ts).
 */
export const linear = defineFamily({
  id: 'linear',
  label: 'Linear (ridge / logistic)',
  description: 'A linear model on standardised inputs: fast, explainable, a baseline to beat.',
  tasks: ['regression', 'binary', 'multiclass'],
  params: {
    l2: { kind: 'float', label: 'L2', help: 'Ridge penalty on the weights.', default: 0.001, min: 0, max: 1e6, step: 0.001, form: true, sweep: { lo: 0.0001, hi: 10, log: true } },
    maxIter: { kind: 'int', label: 'Iterations', help: 'Most optimiser iterations (logistic and multinomial).', default: 300, min: 1, max: 100_000 },
    textC: { kind: 'float', label: 'Text C', help: `On a single text column: inverse regularisation of the tf-idf model; 0 chooses it by inner cross-validation from ${LINEAR_TEXT_C_GRID.join(', ')}.`, default: 0, min: 0, max: 1e6, sweep: { lo: 1, hi: 300, log: true } },
  },
  searchFirst: ['l2'],
  progressTotal: (p) => p.maxIter,
});
