/**
 * The hybrid as one graph: each weighted member's scores z-scored per user (in double, population
 * standard deviation, a constant row giving zeros), summed with the blend weights in member order; items
 * without training interactions take the content member's z-score, or rank below every trained item
 * without one; users the hybrid did not train on get their segment's popularity. This is HybridRecommender's
 * scoreAll for every known user; its cold-start chain for people outside the model is not in the graph.
 */
import { decodeI32 } from '../../recommend/codec';
import type { RecommenderArtifact } from '../../recommend/types';
import { attr, tensorProto } from '../onnx/proto';
import { axes, DOUBLE, FLOAT, gatherRows, type GraphInputs } from './inputs';

export type Scorer = (inputs: GraphInputs, a: RecommenderArtifact) => string;

interface HybridState {
  members: { weight: number; ratingWeight: number; artifact: RecommenderArtifact }[];
  popularity: RecommenderArtifact | null;
  trainedUser: string;
  trainedItem: string;
}

/** (s − mean) / std along the items, in double, as ranking.ts's zScore. */
function zScore(inputs: GraphInputs, scores: string): string {
  const { g } = inputs;
  const d = g.op('Cast', [scores], { to: attr.int(DOUBLE) });
  const mean = g.op('ReduceMean', [d], { axes: attr.ints([1]), keepdims: attr.int(1) });
  const c = g.op('Sub', [d, mean]);
  const std = g.op('Sqrt', [g.op('ReduceMean', [g.op('Mul', [c, c])], { axes: attr.ints([1]), keepdims: attr.int(1) })]);
  const zero = g.scalar('double', 0, 'zero');
  return g.op('Cast', [g.op('Where', [g.op('Greater', [std, zero]), g.op('Div', [c, std]), zero])], { to: attr.int(FLOAT) });
}

const toDouble = (g: GraphInputs['g'], v: string) => g.op('Cast', [v], { to: attr.int(DOUBLE) });
const toFloatOf = (g: GraphInputs['g'], v: string) => g.op('Cast', [v], { to: attr.int(FLOAT) });

const flags = (values: Int32Array): number[] => Array.from(values, (v) => (v ? 1 : 0));

export function hybridScorer(inputs: GraphInputs, a: RecommenderArtifact, memberScorer: Scorer): string {
  const { g, items } = inputs;
  const toFloat = (v: string) => toFloatOf(g, v);
  const s = a.state as HybridState;
  const made = new Map<RecommenderArtifact, string>();
  const scoresOf = (m: RecommenderArtifact) => made.get(m) ?? made.set(m, memberScorer(inputs, m)).get(m)!;
  const trainedItem = g.constant('bool', [items], flags(decodeI32(s.trainedItem)), 'hybrid_trained_item');

  let blend = g.op('ConstantOfShape', [g.op('Shape', [inputs.get('mask')])], { value: attr.tensor(tensorProto('float', [1], [0])) });
  let hasContent = false;
  for (const m of s.members) {
    const isContent = m.artifact.model === 'content';
    if (m.weight === 0 && !isContent) continue;
    const z = zScore(inputs, scoresOf(m.artifact));
    // out += w·z as the engine adds it: in double, rounded to float32 after each member.
    if (m.weight > 0) blend = toFloat(g.op('Add', [toDouble(g, blend), g.op('Mul', [toDouble(g, z), g.scalar('double', m.weight, 'blend_weight')])]));
    if (isContent) {
      blend = g.op('Where', [trainedItem, blend, z]);
      hasContent = true;
    }
  }
  if (!hasContent) {
    // One below the lowest trained item's score (−1 when there is none).
    const inf = g.scalar('float', Infinity, 'inf');
    const lo = g.op('ReduceMin', [g.op('Where', [trainedItem, blend, inf])], { axes: attr.ints([1]), keepdims: attr.int(1) });
    const below = g.op('Sub', [g.op('Where', [g.op('IsInf', [lo]), g.scalar('float', 0, 'zero'), lo]), g.scalar('float', 1, 'one')]);
    blend = g.op('Where', [trainedItem, blend, below]);
  }
  const pop = s.members.find((m) => m.artifact.model === 'popularity')?.artifact ?? s.popularity;
  const fallback = pop ? scoresOf(pop) : g.op('Mul', [blend, g.scalar('float', 0, 'zero')]);
  const trainedUser = g.constant('bool', [a.users.length], flags(decodeI32(s.trainedUser)), 'hybrid_trained_user');
  const known = g.op('Unsqueeze', [gatherRows(g, trainedUser, inputs.get('user')), axes(g, 1)]);
  return g.op('Where', [known, blend, fallback]);
}
