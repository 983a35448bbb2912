/** Any .onnx file the user opens: its graph's inputs and outputs, and runs with user-typed inputs. */
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import onnxProto from 'onnx-proto';
import { ApiError } from '../../../shared/api/errors';
import type { OnnxFileDto, OnnxOutputDto, OnnxTensorInfoDto } from '../../../shared/api/methods/explorer';
import { loadOrt, type Session } from '../export/ort';

const MAX_OUTPUT_VALUES = 10_000;

interface Opened {
  info: OnnxFileDto;
  session: Session;
}

/** External files kept open at once; opening one more closes the oldest (its session released). */
export const MAX_OPEN_FILES = 4;

export class ExternalModels {
  private readonly opened = new Map<string, Opened>();

  async open(file: string, displayName: string): Promise<OnnxFileDto> {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (err) {
      throw new ApiError('not_found', `Cannot read ${displayName}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { field: 'path' });
    }
    let session: Session;
    try {
      session = await loadOrt().InferenceSession.create(bytes);
    } catch (err) {
      throw new ApiError('bad_request', `${displayName} is not a model onnxruntime can load: ${firstLine(err)}`, { field: 'path' });
    }
    const info: OnnxFileDto = {
      id: randomUUID(),
      fileName: displayName,
      sizeBytes: bytes.length,
      producer: producerOf(bytes),
      inputs: session.inputMetadata.map(describe),
      outputs: session.outputMetadata.map(describe),
    };
    this.opened.set(info.id, { info, session });
    // Requests run one at a time in this worker, so nothing is using the oldest session now.
    while (this.opened.size > MAX_OPEN_FILES) {
      const [oldest, o] = this.opened.entries().next().value as [string, Opened];
      this.opened.delete(oldest);
      void o.session.release().catch(() => undefined);
    }
    return info;
  }

  async run(id: string, rows: number, inputs: Record<string, (number | string | boolean)[]>): Promise<{ outputs: OnnxOutputDto[]; latencyUs: number }> {
    const o = this.opened.get(id);
    if (!o) throw new ApiError('not_found', 'That .onnx file is no longer open; open it again', { field: 'id' });
    const ort = loadOrt();
    const feeds: Record<string, InstanceType<typeof ort.Tensor>> = {};
    for (const spec of o.info.inputs) {
      const values = inputs[spec.name];
      if (!values) throw new ApiError('bad_request', `inputs.${spec.name}: missing (the graph needs ${o.info.inputs.map((i) => i.name).join(', ')})`, { field: `inputs.${spec.name}` });
      feeds[spec.name] = toTensor(ort, spec, values, rows);
    }
    for (const name of Object.keys(inputs)) {
      if (!o.info.inputs.some((i) => i.name === name)) throw new ApiError('bad_request', `inputs.${name}: the graph has no such input`, { field: `inputs.${name}` });
    }
    const t0 = performance.now();
    let out: Record<string, unknown>;
    try {
      out = await o.session.run(feeds);
    } catch (err) {
      throw new ApiError('bad_request', `onnxruntime refused the inputs: ${firstLine(err)}`);
    }
    const latencyUs = Math.round((performance.now() - t0) * 1000);
    const outputs = o.info.outputs.map((spec) => toOutput(spec, out[spec.name]));
    return { outputs, latencyUs };
  }
}

type Ort = ReturnType<typeof loadOrt>;

function describe(meta: Session['inputMetadata'][number]): OnnxTensorInfoDto {
  if (!meta.isTensor) return { name: meta.name, type: 'non-tensor', dims: [] };
  return { name: meta.name, type: meta.type, dims: meta.shape.map((d) => (typeof d === 'number' && d >= 0 ? d : null)) };
}

/** Symbolic dims: the first is the batch (`rows`), others 1; the value count must then match. */
function toTensor(ort: Ort, spec: OnnxTensorInfoDto, values: (number | string | boolean)[], rows: number) {
  const dims = spec.dims.map((d, i) => d ?? (i === 0 ? rows : 1));
  const want = dims.reduce((p, d) => p * d, 1);
  const field = `inputs.${spec.name}`;
  if (values.length !== want) {
    throw new ApiError('bad_request', `${field}: ${values.length} values given, the shape [${dims.join(', ')}] needs ${want}`, { field });
  }
  const num = (v: number | string | boolean, i: number) => {
    const x = typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : Number(v.trim() === '' ? NaN : v);
    if (Number.isNaN(x) && !spec.type.startsWith('float')) {
      throw new ApiError('bad_request', `${field}[${i}]: ${JSON.stringify(v)} is not a number`, { field });
    }
    return x;
  };
  switch (spec.type) {
    case 'float32': return new ort.Tensor('float32', Float32Array.from(values, num), dims);
    case 'float64': return new ort.Tensor('float64', Float64Array.from(values, num), dims);
    case 'int64': return new ort.Tensor('int64', BigInt64Array.from(values, (v, i) => BigInt(Math.trunc(num(v, i)))), dims);
    case 'int32': return new ort.Tensor('int32', Int32Array.from(values, num), dims);
    case 'uint8': return new ort.Tensor('uint8', Uint8Array.from(values, num), dims);
    case 'int8': return new ort.Tensor('int8', Int8Array.from(values, num), dims);
    case 'bool': return new ort.Tensor('bool', Uint8Array.from(values, (v) => (v === true || v === 1 || v === 'true' || v === '1' ? 1 : 0)), dims);
    case 'string': return new ort.Tensor('string', values.map(String), dims);
    default: throw new ApiError('bad_request', `${field}: inputs of type ${spec.type} are not supported here`, { field });
  }
}

function toOutput(spec: OnnxTensorInfoDto, value: unknown): OnnxOutputDto {
  const t = value as { type?: string; dims?: readonly number[]; data?: ArrayLike<unknown> } | undefined;
  if (!t || !t.data) return { name: spec.name, type: spec.type, dims: [], values: [JSON.stringify(value ?? null)], truncated: false };
  const n = Math.min(t.data.length, MAX_OUTPUT_VALUES);
  const values: (number | string | boolean)[] = [];
  for (let i = 0; i < n; i++) {
    const v = t.data[i];
    values.push(typeof v === 'bigint' ? Number(v) : (v as number | string | boolean));
  }
  return { name: spec.name, type: t.type ?? spec.type, dims: [...(t.dims ?? [])], values, truncated: t.data.length > n };
}

function producerOf(bytes: Buffer): string | null {
  try {
    const m = onnxProto.onnx.ModelProto.decode(bytes);
    const name = [m.producerName, m.producerVersion].filter(Boolean).join(' ');
    return name || null;
  } catch {
    return null;
  }
}

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0];
}
