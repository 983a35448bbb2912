/** The recommender engine's public API. */
export type * from './types';
export { buildInteractions, mapIds, indexOfId, idText, RecommendDataError } from './data';
export type { BuildOptions, BuildResult, InteractionColumn, InteractionInput } from './data';
export { splitInteractions, splitBy, coldOf } from './split';
export type { InteractionSplit, SplitOptions } from './split';
export { evaluateRecommender, rankingCurves, metricAt, popularityPercentiles } from './metrics';
export type { EvaluateOptions, MetricGroup, RankingCurves, RankingMetricName, RatingMetrics, RecommendEvaluation } from './metrics';
export { recommendParams } from './params';
export { fitPopularity, loadPopularity } from './popularity';
export { fitItemKnn, loadItemKnn } from './item-knn';
export { fitMf, loadMf } from './mf';
export { fitAls, loadAls } from './als';
export { fitRecommender, loadRecommender } from './fit';
