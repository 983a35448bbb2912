/** The texts of a forecast bundle: README.md, forecast.py and example-request.json. */
import type { ForecastArtifact } from '../../../models/forecast/artifact';
import type { ForecastRequest } from '../../../models/forecast/runtime';

export interface ForecastBundleFacts {
  ref: string;
  version: string | null;
  created: string;
  datasetSha256: string | null;
  parity: { rows: number; maxRel: number; limit: number };
  latency: { singleP50Us: number; batchRowsPerSec: number };
  /** gbdt: the feature names, in the ONNX input's column order. */
  onnxFeatures: string[] | null;
  /** lstm: how to feed the TF.js layers model and read its output. */
  tfjsNote: string | null;
}

/** The first series' part of a request: what example-request.json holds. */
export function exampleRequest(a: ForecastArtifact, request: ForecastRequest): ForecastRequest {
  const first = a.series[0].id;
  const mine = (rows: ForecastRequest['history']) => rows?.filter((r) => (r.series ?? '') === first);
  return { series: [first], history: mine(request.history), ...(request.future?.length ? { future: mine(request.future) } : {}), horizon: a.horizon, levels: a.levels };
}

function columnRoles(a: ForecastArtifact): string {
  const c = a.columns;
  const rows = [
    `| \`t\` or \`${c.time}\` | time | ISO 8601 text (\`1961-01\`, \`1961-01-31\`, \`1961-01-31 12:00\`, read as UTC) or epoch milliseconds |`,
    `| \`y\` or \`${c.target}\` | target | the value; \`null\` for a missing one (history rows only) |`,
  ];
  if (c.series) rows.push(`| \`series\` or \`${c.series}\` | series | one of the ${a.series.length} series the model knows |`);
  for (const name of c.covariates.filter((n) => !c.futureCovariates.includes(n))) rows.push(`| \`${name}\` | past covariate | known up to each time; read from history rows |`);
  for (const name of c.futureCovariates) rows.push(`| \`${name}\` | known-future covariate | also needed in \`future\` rows for every forecast step |`);
  if (c.events) rows.push(`| \`${c.events}\` | event | the event's name on its dates, \`null\` otherwise |`);
  return `| field | role | value |\n|---|---|---|\n${rows.join('\n')}`;
}

function onnxSection(f: ForecastBundleFacts): string {
  if (!f.onnxFeatures) return '';
  return `
## The trees in ONNX (model.onnx)

\`model.onnx\` holds the boosted trees alone: input \`features\` (float32 [N, ${f.onnxFeatures.length}]), output
\`prediction\` (float32 [N, 1]). forecast.mjs builds the feature rows (lags, rolling statistics, calendar parts,
covariates, events, the series index) and runs the same trees itself; \`node forecast.mjs --features < request.json\`
writes the rows of the next step of each series, with what turns a prediction into a forecast:
\`forecast = (prediction + anchor) * scale\`. Later steps feed each forecast back as a lag, which forecast.mjs does.

\`\`\`python
import json, subprocess
import numpy as np
import onnxruntime as ort

request = open("example-request.json").read()
rows = json.loads(subprocess.run(["node", "forecast.mjs", "--features"], input=request, capture_output=True, text=True, check=True).stdout)
session = ort.InferenceSession("model.onnx")
x = np.array([r["features"] for r in rows["rows"]], dtype=np.float32)
prediction = session.run(None, {"features": x})[0][:, 0]
for r, p in zip(rows["rows"], prediction):
    print(r["series"], r["t"], (p + r["anchor"]) * r["scale"])
\`\`\`

Features, in order: ${f.onnxFeatures.map((n) => `\`${n}\``).join(', ')}.
`;
}

export function forecastReadme(a: ForecastArtifact, describe: string, f: ForecastBundleFacts): string {
  const levels = a.levels.map((l) => `\`lower${l}\`/\`upper${l}\``).join(', ');
  return `# ${f.ref}${f.version ? ` ${f.version}` : ''}

A ${describe} forecasting model of \`${a.columns.target}\` (${a.frequency}, ${a.series.length} series, horizon ${a.horizon}),
exported by Lathe on ${f.created}. It forecasts from new history without Lathe:

- \`model.json\`: the fitted model (parameters and each series' state where the fit ended).
- \`forecast.mjs\`: the forecasting code of the app itself, one ES module with no dependencies (Node >= 18, browsers).
- \`example-request.json\`: a request it answers; \`forecast.py\`: the same from Python.

## Node

\`\`\`js
import fs from 'node:fs';
import { loadForecaster } from './forecast.mjs';

const forecaster = loadForecaster(fs.readFileSync(new URL('./model.json', import.meta.url), 'utf8'));
const request = JSON.parse(fs.readFileSync(new URL('./example-request.json', import.meta.url), 'utf8'));
console.log(await forecaster.forecast(request));
// [{ series, t, mean, ${a.levels.map((l) => `lower${l}, upper${l}`).join(', ')} }, …]
\`\`\`

Or from any language: \`node forecast.mjs < example-request.json > forecast.json\` (a bad request exits 1 with
\`{"error": {"field", "message"}}\` on stderr). In a browser, fetch model.json and pass its text to \`loadForecaster\`.

## Python

\`python forecast.py < example-request.json\` (needs \`node\` on the PATH):

\`\`\`python
import json, subprocess

def forecast(request):
    done = subprocess.run(["node", "forecast.mjs"], input=json.dumps(request), capture_output=True, text=True)
    if done.returncode != 0:
        raise ValueError(json.loads(done.stderr)["error"]["message"])
    return json.loads(done.stdout)
\`\`\`
${onnxSection(f)}${f.tfjsNote ? `\n## The network in TF.js (lstm-model.json)\n\n${f.tfjsNote}\n` : ''}
## Requests

\`{"history": [rows], "future": [rows], "horizon": ${a.horizon}, "levels": [${a.levels.join(', ')}], "series": [ids], "duplicates": "error"}\`, every key optional.

${columnRoles(a)}

- **history**: observed rows. Each series' rows are placed on its ${a.frequency} grid from where the model was fitted;
  values up to the end of the fit are already in the model and are not read again, newer ones move its state on
  (no refit) and gaps are missing values. The forecast starts after each series' newest value. Several rows at one
  time are refused unless \`duplicates\` is \`sum\`, \`mean\` or \`last\`.
- **future**: rows after the history with the known-future covariates, for every forecast step.
- **series**: which series to forecast; by default those in the history, or all when there is none.
- **levels**: central prediction intervals in percent (default ${a.levels.join(' and ')}): the answer has ${levels}.

## Test-dataset protocol

A forecast run is scored on data it never saw: with a test dataset (later rows of the same series), the model fitted
on the training rows forecasts from a rolling origin through the test rows, its state moved on by the actual values
before each origin and never refitted unless asked; without one, it is backtested over the last windows of the
training data, refitted on what precedes each window. MASE, coverage and Winkler scores in the run are from those
forecasts. This bundle holds the model as fitted on the training rows: feed it newer rows as history to forecast
from their end.

## Checked

Before this bundle was written, forecast.mjs reproduced the app's forecasts on ${f.parity.rows} points (max
relative difference ${f.parity.maxRel.toExponential(2)}; the limit is ${f.parity.limit}). One series' forecast
took ${(f.latency.singleP50Us / 1000).toFixed(2)} ms (p50); ${f.latency.batchRowsPerSec.toLocaleString('en-US')} forecast points per second
over all series, on the exporting machine. Training data fingerprint (sha256): ${f.datasetSha256 ?? 'unknown'}.
`;
}

export function forecastPy(): string {
  return `# Forecast through forecast.mjs from Python: python forecast.py < example-request.json (needs node on the PATH)
import json
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent


def forecast(request):
    """request: {"history": [...], "future": [...], "horizon": h, "levels": [...]} as README.md describes."""
    done = subprocess.run(["node", str(HERE / "forecast.mjs")], input=json.dumps(request), capture_output=True, text=True)
    if done.returncode != 0:
        error = json.loads(done.stderr)["error"]
        raise ValueError(f"{error['field']}: {error['message']}")
    return json.loads(done.stdout)


if __name__ == "__main__":
    for point in forecast(json.load(sys.stdin)):
        print(json.dumps(point))
`;
}
