/** README.md of a recommender bundle: what is in it, how to serve it, what the graph takes and gives. */
import type { RecommendManifest } from './recommend-manifest';

const FILL_WORDS: Record<string, string> = {
  user: "the users' indices (`users` in manifest.json maps an id to its index)",
  history: "each user's training items with their values (`seen.values`), spread over the catalogue; 0 elsewhere",
  weights: "each user's training items with their profile weights (`seen.weights`), spread over the catalogue; 0 elsewhere",
  userMean: "each user's mean training rating (`userMean`)",
  mask: "0, or -Infinity on the user's training items (`seen`): the seen-item filter",
  k: 'how many items to return, at most the catalogue',
};

export function recommendReadme(m: RecommendManifest): string {
  const r = m.recommender;
  const p = m.parity;
  const first = Object.keys(m.users)[0] ?? 'USER';
  return `# ${m.model}${m.version ? ` ${m.version}` : ''}: ${r.label} recommender

${r.description}

Exported by Lathe from run ${m.runId} on ${m.created}: ${m.items.length.toLocaleString('en-US')} items, ${Object.keys(m.users).length.toLocaleString('en-US')} users, ${r.feedback} feedback${r.scale ? ` on a ${r.scale[0]}–${r.scale[1]} scale` : ''}.

| file | what |
| --- | --- |
| model.onnx | the scorer (ONNX opset 17): every item's score for a batch of users, the seen-item mask added, the top k |
| manifest.json | user id → index, item index → id and label, each user's training items (CSR: \`seen.indptr\`, \`seen.items\`), popularity for unknown users, group strategies, parity and latency |
| serve.mjs | Node example (onnxruntime-node): \`openRecommender()\` → \`recommend(user, k)\`, \`recommendGroup(users, { strategy, k })\` |
| serve.py | Python example (onnxruntime, numpy): \`Recommender().recommend(user, k)\`, \`.recommend_group(users, strategy, k)\` |

## Serve

\`\`\`sh
npm install onnxruntime-node
node serve.mjs ${first} 10
node serve.mjs --group ${Object.keys(m.users).slice(0, 3).join(',') || 'A,B,C'} --strategy fair 10

pip install onnxruntime numpy
python serve.py ${first} 10
\`\`\`

A user the model does not know gets the most popular items (${m.popularity.description}). A group's list leaves out what
any member already has; unknown members count with the popularity scores.

## The graph

Inputs (N users per call):

${m.inputs.map((i) => `- \`${i.name}\` ${i.type} [${i.dims.join(', ')}]: ${FILL_WORDS[i.fill]}`).join('\n')}

Outputs:

${m.outputs.map((o) => `- \`${o.name}\`: ${o.meaning}`).join('\n')}

## Groups

Strategies (default \`${m.groups.default}\`):

${Object.entries(m.groups.strategies).map(([k, v]) => `- \`${k}\`: ${v}`).join('\n')}

Each member's scores are min-max normalised over the candidate items for the fair list and the satisfaction figures.
average-without-misery leaves out items any member scores below ${m.groups.miseryShare} of the way up ${m.groups.scale ? `the ${m.groups.scale[0]}–${m.groups.scale[1]} scale` : "the range of the members' scores"}.

## Parity

On ${p.users} users, the graph's top ${p.k} (without their training items) held the app's items in ${p.itemMismatches === 0 ? 'every' : `all but ${p.itemMismatches}`} position${p.tiesSwapped ? ` (${p.tiesSwapped} tied pairs in the other order)` : ''};
scores differ by at most ${p.maxAbs.toExponential(2)} (relative ${p.maxRel.toExponential(2)}, limit ${p.limit}).
Latency in onnxruntime-node: one user p50 ${Math.round(m.latency.singleP50Us)} µs, p99 ${Math.round(m.latency.singleP99Us)} µs; ${m.latency.batchRowsPerSec.toLocaleString('en-US')} users/s in batches of ${m.latency.batchRows}.
`;
}
