/** The README that travels with an exported bundle: what goes in, what comes out, how it was checked. */
export function bundleReadme(m: {
  model: string; version: string | null; family: string; task: string; target: string; classes: unknown[] | null;
  inputs: { name: string; type: string; column: string; kind: string; missing?: string }[]; outputs: { name: string; meaning: string }[];
  datasetSha256: string | null; created: string; parity: { rows: number; maxRel: number }; latency: { singleP50Us: number; batchRowsPerSec: number };
}): string {
  const inputs = m.inputs.map((i) => `| \`${i.name}\` | ${i.type} [N, 1] | column \`${i.column}\` (${i.kind}${i.kind === 'date' ? ', epoch milliseconds' : ''}${i.type === 'string' ? `, missing = "${i.missing ?? ''}"` : ', missing = NaN'}) |`);
  const outputs = m.outputs.map((o) => `| \`${o.name}\` | ${o.meaning} |`);
  return `# ${m.model}${m.version ? ` ${m.version}` : ''}

A ${m.family} ${m.task} model predicting \`${m.target}\`${m.classes ? ` (classes: ${m.classes.join(', ')})` : ''}, exported by Lathe on ${m.created}.
The graph holds the whole pipeline: feed raw column values, not engineered features.

## Inputs

| name | type | meaning |
|---|---|---|
${inputs.join('\n')}

## Outputs

| name | meaning |
|---|---|
${outputs.join('\n')}

## Checked

Before this bundle was written, onnxruntime reproduced the app's predictions on ${m.parity.rows} held-out rows
(max relative error ${m.parity.maxRel.toExponential(2)}; the limit is 1e-4). Single-row latency p50
${m.latency.singleP50Us.toFixed(0)} µs; batch ${m.latency.batchRowsPerSec.toLocaleString('en-US')} rows/s on the exporting machine.
Training data fingerprint (sha256): ${m.datasetSha256 ?? 'unknown'}.

## Serving

- HTTP server: \`npm install\`, then \`node server.mjs --model-dir . --port 8080 --logs logs\` (add \`--token T\` or set
  \`LATHE_SERVE_TOKEN\`; \`--host 0.0.0.0\` to listen beyond this machine). \`POST /predict\` with
  \`{"rows":[{column: value}]}\` answers \`{"predictions":[{id, version, prediction, probabilities}]}\`; \`POST /feedback\`
  \`{id, actual}\`; \`GET /health\`; \`GET /metrics\` (Prometheus). A canary, A/B or shadow policy against another
  bundle: \`--candidate-dir DIR --policy policy.json\`. \`Dockerfile\` and \`lathe-model.service\` (systemd) run the same.
- Node in your own code: \`npm install onnxruntime-node\`, then \`node serve-node.mjs\` (see \`predict(rows)\` inside).
- Python: \`pip install onnxruntime numpy\`, then \`python serve.py\`.
`;
}
