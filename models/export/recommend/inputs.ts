/**
 * The graph inputs a recommender's ONNX scorer may take, declared on first use, and its common tail:
 * the seen-item mask added to the scores and TopK over the catalogue. Every input says how a server
 * fills it (`fill`), so the serving examples build feeds from the manifest without knowing the model.
 */
import { attr, GraphBuilder } from '../onnx/proto';

export const FLOAT = 1;
export const DOUBLE = 11;

/**
 * How a server fills an input, for a batch of N known users:
 * - user: their indices (int64 [N]);
 * - history: their training values (rating or implicit weight) scattered over the catalogue (float [N, items]);
 * - weights: the content profile weights of those interactions, scattered the same way;
 * - userMean: their mean training rating (float [N]);
 * - mask: 0, or −Infinity on items they already have (float [N, items]);
 * - k: how many items to return (int64 [1], at most the catalogue).
 */
export type InputFill = 'user' | 'history' | 'weights' | 'userMean' | 'mask' | 'k';

export interface RecommendGraphInput {
  name: string;
  type: 'int64' | 'float';
  dims: (number | string)[];
  fill: InputFill;
}

export interface RecommendGraphOutput {
  name: string;
  meaning: string;
}

const DECLARE: Record<InputFill, (items: number) => Omit<RecommendGraphInput, 'fill'>> = {
  user: () => ({ name: 'user', type: 'int64', dims: ['N'] }),
  history: (items) => ({ name: 'history', type: 'float', dims: ['N', items] }),
  weights: (items) => ({ name: 'profile_weights', type: 'float', dims: ['N', items] }),
  userMean: () => ({ name: 'user_mean', type: 'float', dims: ['N'] }),
  mask: (items) => ({ name: 'mask', type: 'float', dims: ['N', items] }),
  k: () => ({ name: 'k', type: 'int64', dims: [1] }),
};

/** Graph inputs declared when a scorer first asks for them, in that order. */
export class GraphInputs {
  readonly list: RecommendGraphInput[] = [];

  constructor(
    readonly g: GraphBuilder,
    readonly items: number,
  ) {}

  get(fill: InputFill): string {
    const have = this.list.find((i) => i.fill === fill);
    if (have) return have.name;
    const d = DECLARE[fill](this.items);
    this.g.input(d.name, d.type, d.dims);
    this.list.push({ ...d, fill });
    return d.name;
  }
}

/** An int64 constant of axes, for Unsqueeze / Squeeze. */
export const axes = (g: GraphBuilder, ...values: number[]): string => g.constant('int64', [values.length], values, 'axes');

/** Row `user` of a [rows, width] table: [N, width]. */
export const gatherRows = (g: GraphBuilder, table: string, user: string): string => g.op('Gather', [table, user], { axis: attr.int(0) });

export const RECOMMEND_OUTPUTS: RecommendGraphOutput[] = [
  { name: 'scores', meaning: 'every item’s score for each user, as the app ranks them (higher is better), before the seen-item mask' },
  { name: 'top_items', meaning: 'the k best item indices per user after the mask, best first (ties: lower index first)' },
  { name: 'top_scores', meaning: 'their scores; −Infinity marks a masked item, when k exceeds what is left' },
];

/** Names the float [N, items] scores `scores`, adds the mask and takes the top k. */
export function finishScores(inputs: GraphInputs, scores: string): void {
  const { g, items } = inputs;
  g.op('Identity', [scores], {}, { out: g.reserve('scores') });
  const masked = g.op('Add', ['scores', inputs.get('mask')]);
  g.ops('TopK', [masked, inputs.get('k')], [g.reserve('top_scores'), g.reserve('top_items')], { axis: attr.int(1), largest: attr.int(1), sorted: attr.int(1) });
  g.output('scores', 'float', ['N', items]);
  g.output('top_items', 'int64', ['N', 'K']);
  g.output('top_scores', 'float', ['N', 'K']);
}
