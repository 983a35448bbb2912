/**
 * Seeded malformed requests for every method of the contract: valid-looking arguments with a
 * field broken, dropped or added, whole random bodies, non-JSON, wrong content types, missing or
 * wrong tokens, foreign Host and Origin headers, odd paths and HTTP methods, and oversized bodies.
 */
import { methods } from '../../shared/api/contract';
import type { Rng } from './harness';

/** What the fuzzer knows of the fixture, for arguments that reach past validation. */
export interface Known {
  datasetId: string;
  scratchId: string;
  runIds: string[];
  jobId: string;
  model: string;
  versions: string[];
  sampleIds: string[];
  /** Files (relative to the server's working folder) the fuzzer may read, import or delete. */
  inputCsv: string;
  inputOnnx: string;
}

export interface FuzzRequest {
  label: string;
  /** The contract method, where the path names one. */
  method?: string;
  httpMethod: string;
  path: string;
  headers: Record<string, string>;
  body: string | Buffer;
  /** The request carries no valid token, or names a foreign host or origin: it must be refused. */
  mustRefuse: boolean;
}

type Template = (k: Known, r: Rng) => Record<string, unknown>;

const row = { x1: 1.5, x2: -0.5, x3: 0.2, n: 10, cat: 'north', flag: true, day: '2024-03-03' };

/** Valid arguments for each method, aimed at the fixture; never at data the fuzzer needs (deletes get the scratch dataset or random ids). */
export const templates: Record<string, Template> = {
  'app.info': () => ({}),
  'system.machineCheck': () => ({ seconds: 0.5 }),
  'jobs.list': () => ({ status: ['running', 'failed'], limit: 10 }),
  'jobs.get': (k) => ({ id: k.jobId }),
  'jobs.cancel': (k) => ({ id: k.jobId }),
  'datasets.list': () => ({}),
  'runs.list': (k) => ({ datasetId: k.datasetId, limit: 5 }),
  'models.list': () => ({}),
  'datasets.import': (k, r) => ({ path: k.inputCsv, name: `fz${r.int(0, 1e6)}`, format: 'csv', header: 'auto', badRows: 'skip' }),
  'datasets.preview': (k, r) => ({ path: k.inputCsv, skipLines: r.int(0, 3), header: r.pick(['auto', 'yes', 'no']), rows: r.int(1, 60) }),
  'datasets.samples': () => ({}),
  'datasets.importSample': (k, r) => ({ id: r.pick(k.sampleIds) }),
  'datasets.get': (k, r) => ({ id: r.pick([k.datasetId, 'fx', k.datasetId.slice(0, 8)]) }),
  'datasets.rows': (k) => ({ id: k.datasetId, offset: 0, limit: 20 }),
  'datasets.columnValues': (k, r) => ({ id: k.datasetId, position: r.int(0, 2), limit: 20 }),
  'datasets.profile': (k) => ({ id: k.datasetId }),
  'datasets.rename': (k, r) => ({ id: k.scratchId, name: `scratch${r.int(0, 99)}` }),
  'datasets.renameColumn': (k) => ({ id: k.scratchId, position: 0, name: 'renamed' }),
  'datasets.setColumnType': (k) => ({ id: k.scratchId, position: 1, type: 'text' }),
  'datasets.delete': (k, r) => ({ id: r.chance(0.1) ? k.scratchId : randomHexId(r) }),
  'files.pick': () => ({ title: 'pick' }),
  'runs.start': (k) => ({ dataset: k.datasetId, target: 'y', family: 'linear', seed: 3 }),
  'runs.get': (k, r) => ({ id: r.pick(k.runIds), maxPoints: 10 }),
  'runs.rerun': (k) => ({ id: k.runIds[1] }),
  'runs.delete': (_k, r) => ({ id: randomHexId(r) }),
  'runs.update': (k, r) => ({ id: r.pick(k.runIds), notes: 'fuzzed', tags: ['fuzz'] }),
  'runs.compare': (k) => ({ a: k.runIds[0], b: k.runIds[1], resamples: 100 }),
  'sweeps.startForecast': (k, r) => ({ dataset: k.datasetId, time: 'day', target: 'y', horizon: r.int(1, 3), model: 'theta', windows: 1, duplicates: 'mean', space: ['theta=1..3'], trials: 2, parallel: 1 }),
  'sweeps.start': (k) => ({ dataset: k.datasetId, target: 'y', family: 'linear', space: ['l2=0.001..1:log'], method: 'random', trials: 2, parallel: 1 }),
  'sweeps.get': (_k, r) => ({ id: randomHexId(r) }),
  'sweeps.list': () => ({}),
  'sweeps.cancel': (_k, r) => ({ id: randomHexId(r) }),
  'models.register': (k) => ({ runId: k.runIds[1], name: 'fuzzed-model' }),
  'models.registerCheck': (k) => ({ runId: k.runIds[1], name: k.model }),
  'models.get': (k) => ({ name: k.model }),
  'models.promote': (k, r) => ({ name: k.model, version: r.pick(k.versions), alias: 'staging', note: 'fuzz' }),
  'models.rollback': (k) => ({ name: k.model, alias: 'staging' }),
  'models.export': (k, r) => ({ model: `${k.model}@${k.versions[1]}`, outDir: `exports/e${r.int(0, 1e6)}` }),
  'models.predict': (k, r) => ({ model: `${k.model}@${k.versions[1]}`, input: k.inputCsv, out: `predictions/p${r.int(0, 1e6)}.csv` }),
  'models.ensemble': (k, r) => ({ name: 'fuzzed-ensemble', members: [`${k.model}@${k.versions[0]}`, `${k.model}@${k.versions[1]}`], method: r.pick(['mean', 'weighted']) }),
  'explorer.schema': (k) => ({ model: `${k.model}@${k.versions[0]}` }),
  'explorer.predict': (k) => ({ model: `${k.model}@${k.versions[0]}`, rows: [row], explain: true }),
  'explorer.pdp': (k) => ({ model: `${k.model}@${k.versions[0]}`, column: 'x1', points: 5 }),
  'explorer.rows': (k) => ({ model: `${k.model}@${k.versions[0]}`, offset: 0, limit: 5, search: 'north' }),
  'explorer.thresholds': (k) => ({ model: `${k.model}@${k.versions[0]}` }),
  'explorer.openOnnx': (k) => ({ path: k.inputOnnx }),
  'explorer.runOnnx': (_k, r) => ({ id: randomHexId(r), rows: 1, inputs: { x1: [1] } }),
  'explorer.predictionFile': (k) => ({ jobId: k.jobId }),
  'explorer.predictTexts': (k) => ({ model: `${k.model}@${k.versions[0]}`, input: k.inputCsv }),
  'forecast.detect': (k, r) => ({ dataset: k.datasetId, time: 'day', target: 'y', duplicates: r.pick(['error', 'mean']) }),
  'forecast.start': (k, r) => ({ dataset: k.datasetId, time: 'day', target: 'y', horizon: r.int(1, 5), model: r.pick(['naive', 'theta']), windows: 1, duplicates: 'mean' }),
  'forecast.predict': (k, r) => ({ model: `${k.model}@${k.versions[1]}`, horizon: 3, out: `predictions/f${r.int(0, 1e6)}.csv` }),
  // The fixture has no text column; its categorical 'cat' is read as short texts.
  'text.sentiment': (k, r) => ({ dataset: k.datasetId, text: 'cat', name: `fz${r.int(0, 1e6)} · sentiment` }),
  'text.entities': (k, r) => ({ dataset: k.datasetId, text: 'cat', minDocuments: r.int(1, 3) }),
  'text.aggregates': (k, r) => ({ dataset: k.datasetId, text: 'cat', time: 'day', by: 'flag', bucket: r.pick(['auto', 'week']), terms: 3 }),
  'text.results': (k) => ({ dataset: k.datasetId, text: 'cat' }),
  // The fixture's 'cat' as users and 'n' as items, rated by 'y'.
  'recommend.start': (k, r) => ({ dataset: k.datasetId, user: 'cat', item: 'n', rating: 'y', model: r.pick(['popularity', 'item-knn']), k: r.int(1, 10), seed: 3 }),
  'recommend.query': (k, r) => ({ model: k.runIds[0], user: 'north', k: r.int(1, 10) }),
  'recommend.users': (k) => ({ model: k.runIds[0], search: 'no', limit: 5 }),
  'sweeps.startRecommend': (k) => ({ dataset: k.datasetId, user: 'cat', item: 'n', rating: 'y', model: 'item-knn', space: ['neighbours=2..20'], method: 'random', trials: 2, parallel: 1, seed: 3 }),
  'monitor.drift': (k, r) => ({ reference: r.pick([k.datasetId, `${k.model}@${k.versions[0]}`]), current: k.datasetId, ...(r.int(0, 1) ? { columns: ['x1', 'cat'] } : {}) }),
  'monitor.startDrift': (k, r) => ({ reference: r.pick([k.datasetId, `${k.model}@${k.versions[0]}`]), current: k.datasetId }),
  // The fixture scored against itself: its own 'y' as predicted and actual, joined on 'n'.
  'monitor.outcomes': (k, r) => ({ model: `${k.model}@${k.versions[0]}`, predictions: k.datasetId, outcomes: k.datasetId, key: 'n', predicted: 'y', actual: 'y', window: r.pick(['week', 'day', 50]) }),
  // Retraining plans on the fixture's model, reading its own dataset (no new version: a run keeps the champion).
  'automation.list': () => ({}),
  'automation.get': () => ({ plan: 'fuzzed-plan' }),
  'automation.create': (k, r) => ({ name: 'fuzzed-plan', model: k.model, source: { kind: 'dataset', dataset: k.datasetId }, triggers: { schedule: r.pick(['0 3 * * *', '*/5 * * * *']) }, margin: r.pick([0, 0.1]) }),
  'automation.update': (_k, r) => ({ plan: 'fuzzed-plan', patch: { margin: r.pick([0, 0.5]), mode: r.pick(['better', 'notWorse']) } }),
  'automation.pause': () => ({ plan: 'fuzzed-plan' }),
  'automation.resume': () => ({ plan: 'fuzzed-plan' }),
  'automation.runNow': () => ({ plan: 'fuzzed-plan', wait: false }),
  'automation.runDue': () => ({}),
  'automation.delete': () => ({ plan: 'fuzzed-plan' }),
  'automation.runs': (_k, r) => ({ limit: r.int(1, 20) }),
  'automation.runGet': (_k, r) => ({ id: randomHexId(r) }),
  'automation.alerts': (_k, r) => ({ unreadOnly: r.int(0, 1) === 1, limit: r.int(1, 50) }),
  'automation.alertsRead': () => ({}),
  'automation.scheduler': () => ({}),
  // A finished run has no checkpoint to resume from: refused, never a server error.
  'runs.resume': (k, r) => ({ id: r.pick(k.runIds) }),
  // No log folder in the working directory: refused by name.
  'deployments.import': (_k, r) => ({ dir: r.pick(['no-such-logs', 'logs/none']), name: `fz${r.int(0, 1e6)}` }),
  'deployments.list': () => ({}),
  'deployments.get': (_k, r) => ({ id: randomHexId(r) }),
};

export const contractMethods = Object.keys(methods);
export const untemplated = contractMethods.filter((m) => !templates[m]);

const PATH_FIELDS = new Set(['path', 'input', 'outDir', 'out', 'dir']);

function randomHexId(r: Rng): string {
  return Array.from({ length: r.pick([8, 36]) }, (_, i) => ([8, 13, 18, 23].includes(i) ? '-' : '0123456789abcdef'[r.int(0, 15)])).join('');
}

function unicode(r: Rng, n: number): string {
  const pools = ['é', 'ß', '中文', '🚀', '\u202e', '\u200b', '\ufeff', 'Ω', '\ud800', '\u0301', 'ﬁ', '\u00a0'];
  return Array.from({ length: n }, () => r.pick(pools)).join('');
}

/** A nasty value of any JSON type. */
export function weirdValue(r: Rng, depth = 0): unknown {
  switch (r.int(0, 13)) {
    case 0:
      return r.pick(['', ' ', '%', '_', '%_%', '*', '?', '%%%%', 'a%', '_______', "'; DROP TABLE datasets; --", '" OR 1=1 --', '\\', '\n\r\t', '<script>alert(1)</script>', '{"a":1}', '${x}']);
    case 1:
      return r.pick(['NaN', 'Infinity', '-Infinity', '1e999', '-0', '0x1f', '1_000', 'null', 'undefined', 'true', '[object Object]', '__proto__', 'constructor']);
    case 2:
      return r.pick(['x'.repeat(50_000), 'f'.repeat(50_000), '0'.repeat(r.int(65, 300)), 'a'.repeat(201), '%'.repeat(64)]);
    case 3:
      return unicode(r, r.int(1, 40));
    case 4:
      return '\u0000' + r.pick(['', 'abc', '\u0001\u0002']);
    case 5:
      return r.pick([0, -1, 1.5, -0.0001, 1e308, -1e308, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 5e-324, 4096, 1_000_001]);
    case 6:
      return r.pick([true, false, null]);
    case 7:
      return [];
    case 8:
      return {};
    case 9:
      return depth > 2 ? 1 : Array.from({ length: r.int(1, 5) }, () => weirdValue(r, depth + 1));
    case 10:
      return depth > 2 ? {} : Object.fromEntries(Array.from({ length: r.int(1, 4) }, () => [r.pick(['a', 'id', '__proto__', 'constructor', '', '%']), weirdValue(r, depth + 1)]));
    case 11:
      return Array.from({ length: r.pick([1000, 100_000]) }, (_, i) => i);
    case 12:
      return randomHexId(r);
    default:
      return r.pick(['0', '00000000', 'ffffffff', 'FFFFFFFF', '-', '--------', '0-0', 'g']);
  }
}

/** A path-like string stays inside the server's working folder: no leading slash, no `..`. */
function tame(field: string, v: unknown): unknown {
  if (!PATH_FIELDS.has(field) || typeof v !== 'string') return v;
  const s = v.replace(/\.\./g, '__').replace(/^[/~\\]+/, '');
  return s.length ? `fz/${s}` : s;
}

function mutate(args: Record<string, unknown>, r: Rng): { body: unknown; raw?: string } {
  const keys = Object.keys(args);
  const out: Record<string, unknown> = { ...args };
  const how = r.int(0, 9);
  if (how <= 3 && keys.length) {
    const k = r.pick(keys);
    out[k] = tame(k, weirdValue(r));
  } else if (how === 4 && keys.length) delete out[r.pick(keys)];
  else if (how === 5) out[r.pick(['extra', '__proto__', 'constructor', 'id', 'ID', ''])] = weirdValue(r);
  else if (how === 6) return { body: weirdValue(r) };
  else if (how === 7 && keys.length) {
    // Numbers JSON.stringify cannot write: 1e999 parses to Infinity.
    const k = r.pick(keys);
    return { body: out, raw: JSON.stringify({ ...out, [k]: '@@' }).replace('"@@"', r.pick(['1e999', '-1e999', '1e-999', '-0', '9007199254740993'])) };
  } else if (how === 8) {
    for (const k of keys) if (r.chance(0.5)) out[k] = tame(k, weirdValue(r));
  }
  return { body: out };
}

const NON_JSON = ['not json', '{', '{"a":', '[1,2', "{'a':1}", '{"a":1,}', 'null', '""', '123', 'true', '[]', '\u0000\u0001', '{"a":NaN}', '{"a":Infinity}', '\ufeff{}', '{"id":"\\ud800"}'];

/** One request; `k` aims valid-looking arguments at the fixture. */
export function nextRequest(r: Rng, k: Known, port: number, token: string, bigBodies: { left: number }): FuzzRequest {
  const host = `127.0.0.1:${port}`;
  const method = r.chance(0.95) ? r.pick(contractMethods) : r.pick(['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'datasets.list.x', 'a'.repeat(5000), 'jobs..list']);
  const args = (Object.hasOwn(templates, method) ? templates[method] : () => ({}))(k, r);
  const headers: Record<string, string> = { host, 'content-type': 'application/json', authorization: `Bearer ${token}` };
  let body: string | Buffer = JSON.stringify(args);
  let label = 'valid';
  let mustRefuse = false;
  let httpMethod = 'POST';
  let path = `/api/invoke/${method}`;
  const roll = r.int(0, 99);
  if (roll < 55) {
    const m = mutate(args, r);
    body = m.raw ?? JSON.stringify(m.body) ?? '';
    label = 'mutated';
  } else if (roll < 63) {
    body = r.chance(0.8) ? r.pick(NON_JSON) : Buffer.from(Array.from({ length: r.int(1, 2000) }, () => r.int(0, 255)));
    label = 'non-JSON';
  } else if (roll < 67) {
    body = '';
    label = 'empty body';
  } else if (roll < 73) {
    headers['content-type'] = r.pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', '']);
    if (r.chance(0.3)) delete headers['content-type'];
    label = 'content type';
  } else if (roll < 81) {
    const t = r.int(0, 5);
    if (t === 0) delete headers.authorization;
    // One character off (a random token may already end in 'x').
    else if (t === 1) headers.authorization = `Bearer ${token.slice(0, -1)}${token.endsWith('x') ? 'y' : 'x'}`;
    else if (t === 2) headers.authorization = `Basic ${Buffer.from(`lathe:${token}`).toString('base64')}`;
    else if (t === 3) headers.authorization = `Bearer ${token}${token}`;
    else if (t === 4) headers.authorization = 'Bearer %';
    else headers.authorization = `Bearer ${'x'.repeat(10_000)}`;
    mustRefuse = true;
    label = 'token';
  } else if (roll < 85) {
    delete headers.authorization;
    headers['x-lathe-token'] = token;
    label = 'token header';
  } else if (roll < 91) {
    if (r.chance(0.5)) headers.host = r.pick(['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, 'localhost.evil.example', `127.0.0.1.nip.io:${port}`, 'x'.repeat(3000)]);
    else headers.origin = r.pick(['http://evil.example', 'null', `https://127.0.0.1:${port}`, `http://localhost:${port}.evil.example`, 'file://']);
    mustRefuse = true;
    label = 'host/origin';
  } else if (roll < 95) {
    httpMethod = r.pick(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);
    label = 'http method';
  } else if (roll < 98) {
    path = r.pick([
      '/api/invoke/',
      '/api/invoke/%2e%2e',
      `/api/invoke/${method}/x`,
      `/api/invoke/${encodeURIComponent(unicode(r, 5).replace(/\ud800/g, ''))}`,
      '/api/invoke/jobs.list?x=%00',
      '/api/',
      '/api/events',
      `/api/upload?name=${encodeURIComponent(r.pick(['../../x.csv', 'a/b.csv', '%00.csv', unicode(r, 3).replace(/\ud800/g, ''), 'x'.repeat(500)]))}`,
      '/api/invoke/' + 'a'.repeat(20_000),
    ]);
    label = 'path';
  } else if (bigBodies.left > 0) {
    bigBodies.left--;
    body = Buffer.alloc(9 * 1024 * 1024, 0x20);
    label = 'over 8 MiB';
  } else {
    const n = r.pick([1000, 100_000]);
    body = '{"a":' + '['.repeat(n) + ']'.repeat(n) + '}';
    label = 'deep nesting';
  }
  return { label, method: path === `/api/invoke/${method}` ? method : undefined, httpMethod, path, headers, body, mustRefuse };
}
