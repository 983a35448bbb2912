/**
 * A model's complete parameters: the schema's defaults (shared/families/recommend.ts) overlaid with
 * what was given, each checked against its range. An unknown key or a value out of range throws,
 * naming `params.KEY`.
 */
import { paramSchema } from '../../shared/families/define';
import { RECOMMEND_MODEL_SPECS, recommendDefaults, type RecommendModelId, type RecommendParams } from '../../shared/families/recommend';

export function recommendParams<M extends RecommendModelId>(model: M, given: Readonly<Record<string, unknown>> = {}): RecommendParams<M> {
  const specs = RECOMMEND_MODEL_SPECS[model].params as Record<string, Parameters<typeof paramSchema>[0]>;
  const out = recommendDefaults(model) as Record<string, unknown>;
  for (const [key, raw] of Object.entries(given)) {
    if (raw === undefined) continue;
    const spec = specs[key];
    if (!spec) throw new Error(`params.${key}: ${model} has no parameter '${key}' (it has ${Object.keys(specs).join(', ')})`);
    const parsed = paramSchema(spec).safeParse(raw);
    if (!parsed.success) throw new Error(`params.${key} ${parsed.error.issues[0]?.message ?? 'is not valid'}`);
    out[key] = parsed.data;
  }
  return out as RecommendParams<M>;
}
