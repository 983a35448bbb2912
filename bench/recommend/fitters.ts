/**
 * Each Lathe recommender's fit, looked up at run time so that the benchmark still runs, saying "not
 * available", while a model's code is not in models/recommend.
 */
import type { Interactions, RecommendFitOptions, Recommender } from '../../models/recommend/types';
import type { RecommendModelId } from '../../shared/families/recommend';

export type Fit = (train: Interactions, opts: RecommendFitOptions) => Recommender | Promise<Recommender>;

/** Where each model's fit lives when the engine's one entry point (fit.ts) is not there. */
const OWN_FILE: Record<string, [file: string, fn: string]> = {
  popularity: ['popularity', 'fitPopularity'],
  'item-knn': ['item-knn', 'fitItemKnn'],
  mf: ['mf', 'fitMf'],
  als: ['als', 'fitAls'],
  hybrid: ['hybrid', 'fitHybrid'],
  ncf: ['ncf', 'fitNcf'],
};

async function tryImport(file: string): Promise<Record<string, unknown> | null> {
  try {
    return (await import(new URL(`../../models/recommend/${file}.ts`, import.meta.url).href)) as Record<string, unknown>;
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String((e as Error).message).includes(`${file}.ts`)) return null;
    throw e;
  }
}

/** The model's fit, preferring the engine's fitRecommender; null when neither is there. */
export async function fitterFor(model: RecommendModelId): Promise<Fit | null> {
  const entry = await tryImport('fit');
  if (typeof entry?.fitRecommender === 'function') {
    const fitRecommender = entry.fitRecommender as (m: RecommendModelId, t: Interactions, o: RecommendFitOptions) => Recommender | Promise<Recommender>;
    return (train, opts) => fitRecommender(model, train, opts);
  }
  const [file, fn] = OWN_FILE[model] ?? [];
  const mod = file ? await tryImport(file) : null;
  return typeof mod?.[fn] === 'function' ? (mod[fn] as Fit) : null;
}
