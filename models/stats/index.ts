export { Moments, Reservoir, quantileSorted } from './moments';
export { HistogramAccumulator, binEdges, type Bin } from './histogram';
export { CorrelationAccumulator } from './correlation';
