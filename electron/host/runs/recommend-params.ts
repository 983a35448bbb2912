/** A recommender's parameters from any door (numbers, or text from a form or `--param k=v`), checked by its schema. */
import { ApiError } from '../../../shared/api/errors';
import { defaultsOf, paramSchema, type ParamSpec } from '../../../shared/families/define';
import { RECOMMEND_MODEL_SPECS, type RecommendModelId } from '../../../shared/families/recommend';

export type ResolvedRecommendParams = Record<string, number | string | boolean | number[]>;

/** Every parameter of the model: the given ones checked (a `bad_request` names `params.KEY`), the rest at their defaults. */
export function resolveRecommendParams(model: RecommendModelId, raw: Readonly<Record<string, unknown>> = {}): ResolvedRecommendParams {
  const specs = RECOMMEND_MODEL_SPECS[model].params as Record<string, ParamSpec>;
  const out = defaultsOf({ params: specs }) as ResolvedRecommendParams;
  for (const [key, value] of Object.entries(raw)) {
    const field = `params.${key}`;
    if (!Object.prototype.hasOwnProperty.call(specs, key)) {
      throw new ApiError('bad_request', `${model} has no parameter '${key}' (it has: ${Object.keys(specs).join(', ')})`, { field });
    }
    const parsed = paramSchema(specs[key]).safeParse(value);
    if (!parsed.success) throw new ApiError('bad_request', `Invalid ${model} parameter '${key}' = '${String(value)}': ${parsed.error.issues[0].message}`, { field });
    out[key] = parsed.data as number | string | boolean | number[];
  }
  return out;
}
