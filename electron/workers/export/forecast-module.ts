/**
 * The entry of an export bundle's forecast.mjs (bundled by forecast-build.ts): the forecasting runtime, plus a
 * command-line mode for Node so that any language can forecast through a child process:
 *
 *   node forecast.mjs < request.json > forecast.json
 *
 * reads `{history, future?, horizon?, levels?, series?}` on stdin, the model from model.json beside the module
 * (or the path given as an argument), and writes the forecast points as JSON; with --features, a gbdt model's
 * next-step feature rows for its ONNX trees instead. A bad request exits 1 with
 * `{"error": {"field", "message"}}` on stderr. It uses only globals, so the module imports nothing.
 */
import { loadForecaster, type ForecastRequest } from '../../../models/forecast/runtime';

export { loadForecaster };
export type { FeatureRows, ForecastPoint, ForecastRequest, ForecastRow, Forecaster } from '../../../models/forecast/runtime';

interface NodeLike {
  argv: string[];
  stdin: { setEncoding(e: string): void; on(ev: string, f: (chunk?: string) => void): void };
  stdout: { write(s: string): void };
  stderr: { write(s: string): void };
  exitCode?: number;
}

const proc = (globalThis as { process?: NodeLike }).process;

/** Whether this module is the script Node was started with (`node forecast.mjs`), not an import. */
function isMain(): boolean {
  const script = proc?.argv?.[1];
  if (!script) return false;
  const here = decodeURIComponent(new URL(import.meta.url).pathname).replace(/^\/([A-Za-z]:)/, '$1');
  return here.replace(/\\/g, '/') === script.replace(/\\/g, '/');
}

function readStdin(p: NodeLike): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    p.stdin.setEncoding('utf8');
    p.stdin.on('data', (chunk) => (text += chunk));
    p.stdin.on('end', () => resolve(text));
  });
}

async function main(p: NodeLike): Promise<void> {
  // node:fs through dynamic import keeps the module free of static imports, so browsers can load it.
  const fsName = 'node:fs';
  const fs = (await import(/* @vite-ignore */ fsName)) as { readFileSync(p: string | URL, enc: string): string };
  const args = p.argv.slice(2);
  const modelPath = args.find((a) => !a.startsWith('--')) ?? new URL('./model.json', import.meta.url);
  const forecaster = loadForecaster(fs.readFileSync(modelPath, 'utf8'));
  const text = await readStdin(p);
  let request: ForecastRequest;
  try {
    request = text.trim() === '' ? {} : (JSON.parse(text) as ForecastRequest);
  } catch (err) {
    throw Object.assign(new Error(`the request on stdin is not JSON: ${(err as Error).message}`), { field: 'request' });
  }
  const answer = args.includes('--features') ? await forecaster.features(request) : await forecaster.forecast(request);
  p.stdout.write(JSON.stringify(answer) + '\n');
}

if (proc && isMain()) {
  main(proc).catch((err: Error & { field?: string }) => {
    proc.stderr.write(JSON.stringify({ error: { field: err.field ?? null, message: err.message } }) + '\n');
    proc.exitCode = 1;
  });
}
