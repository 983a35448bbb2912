import { defineFamily } from './define';

/** Random forest on the same histogram trees (models/forest). */
export const forest = defineFamily({
  id: 'forest',
  label: 'Random forest',
  description: 'Bagged deep trees: robust with little tuning, out-of-bag error for free.',
  tasks: ['regression', 'binary', 'multiclass'],
  params: {
    trees: { kind: 'int', label: 'Trees', help: 'Trees in the forest.', default: 100, min: 1, max: 10_000, form: true, sweep: { lo: 50, hi: 300 } },
    maxDepth: { kind: 'int', label: 'Max depth', help: 'Deepest level of each tree; 0 = unlimited.', default: 16, min: 0, max: 64, form: true, sweep: { lo: 4, hi: 24 } },
    minChildWeight: { kind: 'float', label: 'Min leaf rows', help: 'Least (bootstrap-weighted) rows in a leaf.', default: 1, min: 0, max: 1e6, form: true, sweep: { lo: 1, hi: 50, log: true } },
    colsample: { kind: 'float', label: 'Columns per split', help: 'Share of columns tried at each split; 0 = auto (sqrt for classes, 1/3 for values).', default: 0, min: 0, max: 1, step: 0.05, sweep: { lo: 0.1, hi: 1 } },
    maxBins: { kind: 'int', label: 'Bins', help: 'Histogram bins per numeric column.', default: 255, min: 2, max: 255 },
    bootstrap: { kind: 'bool', label: 'Bootstrap', help: 'Draw rows with replacement for each tree.', default: true },
  },
  searchFirst: ['maxDepth', 'trees'],
  progressTotal: (p) => p.trees,
});
