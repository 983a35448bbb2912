/**
 * NeuMF as ONNX ops from its stored named weights (the graph `namedWeights` in ncf-net.ts documents), over
 * the whole catalogue for each user in the batch:
 *   gmf[n, i] = (user_gmf[u] ∘ out_kernel[:f]) · item_gmf[i]
 *   h0[n, i]  = relu(user_mlp[u] · K0[:e] + item_mlp[i] · K0[e:] + b0)   (the concat's product, split)
 *   h         = relu(h · K + b) for the later layers; mlp[n, i] = h · out_kernel[f:]
 *   p         = sigmoid(gmf + mlp + out_bias); a rating model gives lo + p·(hi − lo).
 * Read from the artifact's JSON, so exporting needs no TF.js.
 */
import { decodeF32 } from '../../recommend/codec';
import type { RecommenderArtifact } from '../../recommend/types';
import { axes, gatherRows, type GraphInputs } from './inputs';
import { transpose } from './factor-scorers';

interface NcfState {
  shape: { users: number; items: number; factors: number; mlpDim: number; layers: number[] };
  scale: [number, number] | null;
  weights: { name: string; shape: number[]; data: string }[];
}

function weightsOf(a: RecommenderArtifact): { s: NcfState; w: (name: string) => Float32Array } {
  const s = a.state as NcfState;
  const byName = new Map(s.weights.map((x) => [x.name, { shape: x.shape, data: decodeF32(x.data) }]));
  const w = (name: string) => {
    const got = byName.get(name);
    if (!got || got.data.length !== got.shape.reduce((p, q) => p * q, 1)) throw new Error(`ncf artifact: weight ${name} is missing or does not match its shape`);
    return got.data;
  };
  if (s.shape.users !== a.users.length || s.shape.items !== a.items.length) throw new Error('ncf artifact: the weights do not match its user and item lists');
  return { s, w };
}

export function ncfScorer(inputs: GraphInputs, a: RecommenderArtifact): string {
  const { g } = inputs;
  const { s, w } = weightsOf(a);
  const { users, items, factors: f, mlpDim: e, layers } = s.shape;
  const user = inputs.get('user');
  const outKernel = w('out_kernel');
  const L = layers[layers.length - 1];

  // GMF: the user's embedding weighted by the output kernel, against every item's embedding.
  const ug = gatherRows(g, g.constant('float', [users, f], w('user_gmf'), 'ncf_user_gmf'), user);
  const ugw = g.op('Mul', [ug, g.constant('float', [f], outKernel.subarray(0, f), 'ncf_out_kernel_gmf')]);
  const gmf = g.op('MatMul', [ugw, g.constant('float', [f, items], transpose(w('item_gmf'), items, f), 'ncf_item_gmf_t')]);

  // MLP: the first layer's kernel split into its user rows and item rows.
  const k0 = w('mlp_0_kernel');
  const L0 = layers[0];
  const um = gatherRows(g, g.constant('float', [users, e], w('user_mlp'), 'ncf_user_mlp'), user);
  const userPart = g.op('Add', [g.op('MatMul', [um, g.constant('float', [e, L0], k0.subarray(0, e * L0), 'ncf_mlp_0_kernel_user')]), g.constant('float', [L0], w('mlp_0_bias'), 'ncf_mlp_0_bias')]);
  const itemPart = g.op('MatMul', [g.constant('float', [items, e], w('item_mlp'), 'ncf_item_mlp'), g.constant('float', [e, L0], k0.subarray(e * L0), 'ncf_mlp_0_kernel_item')]);
  let h = g.op('Relu', [g.op('Add', [g.op('Unsqueeze', [userPart, axes(g, 1)]), itemPart])]);
  for (let k = 1; k < layers.length; k++) {
    const kernel = g.constant('float', [layers[k - 1], layers[k]], w(`mlp_${k}_kernel`), `ncf_mlp_${k}_kernel`);
    h = g.op('Relu', [g.op('Add', [g.op('MatMul', [h, kernel]), g.constant('float', [layers[k]], w(`mlp_${k}_bias`), `ncf_mlp_${k}_bias`)])]);
  }
  const mlp = g.op('Squeeze', [g.op('MatMul', [h, g.constant('float', [L, 1], outKernel.subarray(f), 'ncf_out_kernel_mlp')]), axes(g, 2)]);
  const z = g.op('Add', [g.op('Add', [gmf, mlp]), g.scalar('float', w('out_bias')[0], 'ncf_out_bias')]);
  const p = g.op('Sigmoid', [z]);
  if (!s.scale) return p;
  const [lo, hi] = s.scale;
  return g.op('Add', [g.scalar('float', lo, 'ncf_scale_lo'), g.op('Mul', [p, g.scalar('float', hi - lo, 'ncf_scale_span')])]);
}

/** Floats the batch's widest activation holds per user (items × the widest layer), for the size check. */
export function ncfActivationsPerUser(a: RecommenderArtifact): number {
  const s = (a.state as NcfState).shape;
  return s.items * Math.max(...s.layers);
}
