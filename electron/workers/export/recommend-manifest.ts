/**
 * manifest.json of a recommender bundle: everything a server needs beside the graph, as plain JSON arrays
 * (float32 values written as the exact doubles they are, so a server rebuilds the app's feeds bit for bit).
 */
import type { ExportResultDto } from '../../../shared/api/methods/export';
import { GROUP_STRATEGIES, RECOMMEND_DEFAULTS, RECOMMEND_MODEL_SPECS } from '../../../shared/families/recommend';
import { decodeF32 } from '../../../models/recommend/codec';
import type { Interactions, ItemFeatures, RecommenderArtifact } from '../../../models/recommend/types';
import type { RecommendOnnx, RecommendParity, SeenRows } from '../../../models/export/recommend/index';
import { RECOMMEND_BUNDLE_FILES } from '../../data/bundle-files';
import { labelColumn } from '../recommend/item-map';
import type { RecommendRunFacts } from './recommend-export';

/** The popularity model inside an artifact (itself, a hybrid's member or its fallback), else null. */
function popularityOf(a: RecommenderArtifact): RecommenderArtifact | null {
  if (a.model === 'popularity') return a;
  if (a.model !== 'hybrid') return null;
  const s = a.state as { members: { artifact: RecommenderArtifact }[]; popularity: RecommenderArtifact | null };
  return s.members.find((m) => m.artifact.model === 'popularity')?.artifact ?? s.popularity;
}

/** What unknown users are shown: the model's own popularity when it has one, else each item's share of the training interactions. */
function popularity(a: RecommenderArtifact, train: Interactions): { description: string; scores: number[] } {
  const pop = popularityOf(a);
  if (pop) return { description: 'the model’s overall popularity (each item’s share of the training interactions, time-decayed if it was trained so)', scores: Array.from(decodeF32((pop.state as { global: string }).global)) };
  const counts = new Float64Array(train.items.length);
  for (const i of train.item) counts[i]++;
  return { description: 'each item’s share of the training interactions', scores: Array.from(counts, (c) => Math.fround(c / Math.max(1, train.item.length))) };
}

function labelsOf(items: readonly string[], features: ItemFeatures | null): (string | null)[] {
  const col = labelColumn(features ?? undefined);
  if (!features || !col) return items.map(() => null);
  return items.map((_, i) => features.text[col]?.[i] ?? features.categories[col]?.[i] ?? null);
}

export interface ManifestParts {
  ref: string;
  version: string | null;
  facts: RecommendRunFacts;
  exported: RecommendOnnx;
  seen: SeenRows;
  parity: RecommendParity & { limit: number; passed: boolean };
  latency: ExportResultDto['latency'];
}

export type RecommendManifest = ReturnType<typeof recommendManifest>;

export function recommendManifest(p: ManifestParts) {
  const { artifact, train, itemFeatures, run } = p.facts;
  const spec = RECOMMEND_MODEL_SPECS[artifact.model];
  const labels = labelsOf(artifact.items, itemFeatures);
  const scale = train.explicit && train.scale ? train.scale : null;
  return {
    format: 'recommend',
    lathe: 'lathe-recommend-export/1',
    model: p.ref,
    version: p.version,
    runId: run.id,
    recommender: { model: artifact.model, label: spec.label, description: spec.description, params: artifact.params, feedback: train.explicit ? 'explicit' : 'implicit', scale },
    k: run.k,
    inputs: p.exported.inputs,
    outputs: p.exported.outputs,
    opsets: { 'ai.onnx': 17 },
    /** User id → row index of the graph's `user` input and of `seen`. */
    users: Object.fromEntries(artifact.users.map((id, u) => [id, u])),
    /** Item index (the graph's score columns) → id and a readable label (from the item features, when any). */
    items: artifact.items.map((id, i) => ({ id, label: labels[i] })),
    /** Each user's training items: entries indptr[u] … indptr[u + 1] − 1 (values: rating or weight; weights: content profile weights). */
    seen: { indptr: Array.from(p.seen.indptr), items: Array.from(p.seen.items), values: Array.from(p.seen.values), weights: p.seen.weights ? Array.from(p.seen.weights) : null },
    userMean: p.seen.userMean ? Array.from(p.seen.userMean) : null,
    popularity: popularity(artifact, train),
    groups: { default: RECOMMEND_DEFAULTS.groupStrategy, strategies: GROUP_STRATEGIES, miseryShare: RECOMMEND_DEFAULTS.miseryShare, scale },
    metrics: run.metrics,
    datasetSha256: run.datasetSha256,
    seed: run.seed,
    created: new Date().toISOString(),
    parity: p.parity,
    latency: p.latency,
    files: RECOMMEND_BUNDLE_FILES,
  };
}
