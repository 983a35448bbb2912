import { defineFamily } from './define';

/** Ridge regression, logistic and multinomial regression (models/linear). */
export const linear = defineFamily({
  id: 'linear',
  label: 'Linear (ridge / logistic)',
  description: 'A linear model on standardised inputs: fast, explainable, a baseline to beat.',
  tasks: ['regression', 'binary', 'multiclass'],
  params: {
    l2: { kind: 'float', label: 'L2', help: 'Ridge penalty on the weights.', default: 0.001, min: 0, max: 1e6, step: 0.001, form: true, sweep: { lo: 0.0001, hi: 10, log: true } },
    maxIter: { kind: 'int', label: 'Iterations', help: 'Most optimiser iterations (logistic and multinomial).', default: 300, min: 1, max: 100_000 },
  },
  searchFirst: ['l2'],
  progressTotal: (p) => p.maxIter,
});
