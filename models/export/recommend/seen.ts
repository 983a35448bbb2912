/**
 * What a server needs beside the graph to score known users: each user's training items in CSR form
 * (the seen-item filter, and the history the k-NN and content graphs read) with their values, and for
 * content models the profile weight of each of those interactions and each user's mean rating.
 */
import { decodeF32, decodeI32 } from '../../recommend/codec';
import { userRows } from '../../recommend/ranking';
import type { Interactions, RecommenderArtifact } from '../../recommend/types';
import { RecommendExportError } from './errors';

export interface SeenRows {
  /** User u's training interactions are entries indptr[u] … indptr[u + 1] − 1. */
  indptr: Int32Array;
  items: Int32Array;
  /** The rating or implicit weight of each. */
  values: Float32Array;
  /** Content profile weights of each (content models and hybrids with content), else null. */
  weights: Float32Array | null;
  /** Each user's mean training rating (content models on ratings), else null. */
  userMean: Float32Array | null;
}

/** The content model inside an artifact: itself, or a hybrid's content member. */
function contentOf(a: RecommenderArtifact): RecommenderArtifact | null {
  if (a.model === 'content') return a;
  if (a.model !== 'hybrid') return null;
  const members = (a.state as { members: { artifact: RecommenderArtifact }[] }).members;
  return members.find((m) => m.artifact.model === 'content')?.artifact ?? null;
}

const same = (x: Int32Array, y: Int32Array) => x.length === y.length && x.every((v, i) => v === y[i]);

/** The training interactions by user, plus the content tables when the model has a content part. */
export function seenRows(train: Interactions, artifact: RecommenderArtifact): SeenRows {
  if (train.users.length !== artifact.users.length || train.items.length !== artifact.items.length) {
    throw new RecommendExportError(`The training data has ${train.users.length} users and ${train.items.length} items; the model ${artifact.users.length} and ${artifact.items.length}: it was not trained on this data`);
  }
  const rows = userRows(train);
  const content = contentOf(artifact);
  let weights: Float32Array | null = null;
  let userMean: Float32Array | null = null;
  if (content) {
    const s = content.state as { start: string; item: string; weight: string; userMean: string; explicit: boolean; scale: unknown };
    if (!same(decodeI32(s.start), rows.start) || !same(decodeI32(s.item), rows.item)) {
      throw new RecommendExportError('The content model’s stored histories differ from the training data: it was not trained on this data');
    }
    weights = decodeF32(s.weight);
    userMean = s.explicit && s.scale ? decodeF32(s.userMean) : null;
  }
  return { indptr: rows.start, items: rows.item, values: rows.value, weights, userMean };
}
