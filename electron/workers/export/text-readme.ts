/** The README and Node example of text export bundles: texts go through tokenizer.mjs, then the model. */

interface TextManifest {
  model: string; version: string | null; family: string; task: string; target: string; textColumn: string; classes: unknown[];
  outputs: { name: string; meaning: string }[]; datasetSha256: string | null; created: string;
  parity: { rows: number; maxRel: number }; latency: { singleP50Us: number; batchRowsPerSec: number };
}

const header = (m: TextManifest, what: string) => `# ${m.model}${m.version ? ` ${m.version}` : ''}

A ${m.family} text classifier predicting \`${m.target}\` (classes: ${m.classes.join(', ')}) from the text column \`${m.textColumn}\`,
exported by Lathe on ${m.created}. ${what}
`;

const checked = (m: TextManifest, runtime: string) => `## Checked

Before this bundle was written, ${runtime} with this bundle's tokenizer.mjs reproduced the app's class probabilities on
${m.parity.rows} held-out texts (max relative error ${m.parity.maxRel.toExponential(2)}; the limit is 1e-4) with no predicted class changed.
Training data fingerprint (sha256): ${m.datasetSha256 ?? 'unknown'}.
`;

export function textOnnxReadme(m: TextManifest): string {
  return `${header(m, 'The tokenization ONNX cannot express (contractions, negation marks, emoji, placeholders) is done by tokenizer.mjs, a dependency-free ES module; the graph counts word and character n-grams with ai.onnx TfIdfVectorizer, weights them and applies the linear model.')}
## Inputs

\`textFeeds(texts, manifest.tokens)\` from tokenizer.mjs gives them for a batch of texts:

| name | type | meaning |
|---|---|---|
| \`words\` | string [N, L] | word tokens of each text (\`NEG_\` marks words after a negation), rows padded |
| \`chars\` | string [N, C] | characters of each token padded with spaces, for the word-bounded character n-grams, rows padded |

A model without character n-grams has no \`chars\` input (\`manifest.tokens.chars\` is false).

## Outputs

| name | meaning |
|---|---|
${m.outputs.map((o) => `| \`${o.name}\` | ${o.meaning} |`).join('\n')}

${checked(m, 'onnxruntime')}Single-text latency p50 ${m.latency.singleP50Us.toFixed(0)} µs (tokenizer included); batch ${m.latency.batchRowsPerSec.toLocaleString('en-US')} texts/s on the exporting machine.

## Serving

Node: \`npm install onnxruntime-node\`, then \`node serve-node.mjs "some text"\` (see \`predict(texts)\` inside).
`;
}

export function textnetReadme(m: TextManifest & { vocabularySize: number }): string {
  return `${header(m, 'A TF.js layers model (`tf.loadLayersModel(\'file://…/model.json\')`) whose input is the bag of word n-grams of vocabulary.json: each text\'s n-gram counts divided by their total, which tokenizer.mjs computes.')}
## Use

\`\`\`js
import * as tf from '@tensorflow/tfjs';
import { bagOfNgrams } from './tokenizer.mjs';
const vocab = JSON.parse(fs.readFileSync('vocabulary.json', 'utf8'));
const model = await tf.loadLayersModel('file://…/model.json');
const x = bagOfNgrams(texts, vocab.terms, vocab.tokenizer, vocab.maxN);
const probabilities = model.predict(tf.tensor2d(x.data, x.dims)); // [N, ${m.classes.length}] in the order of manifest.classes
\`\`\`

The vocabulary has ${m.vocabularySize.toLocaleString('en-US')} n-grams.

${checked(m, 'the saved TF.js model, loaded back,')}`;
}

export function textServeNode(): string {
  return `// Serve predictions with onnxruntime-node: node serve-node.mjs "some text"
import * as ort from 'onnxruntime-node';
import fs from 'node:fs';
import { textFeeds } from './tokenizer.mjs';

const manifest = JSON.parse(fs.readFileSync(new URL('./manifest.json', import.meta.url)));
const session = await ort.InferenceSession.create(new URL('./model.onnx', import.meta.url).pathname);

/** texts: an array of strings; returns the class label and probabilities of each. */
export async function predict(texts) {
  const feeds = {};
  for (const [name, f] of Object.entries(textFeeds(texts, manifest.tokens))) feeds[name] = new ort.Tensor('string', f.data, f.dims);
  const out = await session.run(feeds);
  const K = manifest.classes.length;
  return texts.map((_, i) => ({ label: out.class_label.data[i], probabilities: Array.from(out.probabilities.data.slice(i * K, (i + 1) * K)) }));
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  console.log(await predict(process.argv.slice(2).length ? process.argv.slice(2) : ['The food was great.']));
}
`;
}
