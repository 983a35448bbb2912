export { computeDrift, DriftInputError, type DriftInput } from './drift';
export type { DriftColumn } from './types';
export { ksTest, ksStatistic, ksPValue } from './ks';
export { chi2Homogeneity, chi2Sf } from './chi2';
export { psi, jensenShannon, wasserstein1, quantileEdges, binCounts } from './distances';
export { benjaminiHochberg } from './bh';
