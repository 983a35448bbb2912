import type { OnnxTensorInfoDto } from '../../../shared/api/methods/explorer';

/** Elements one row of a tensor holds: symbolic (batch) dimensions count as 1. */
export const elementCount = (dims: (number | null)[]) => dims.reduce<number>((n, d) => n * (d === null || d < 1 ? 1 : d), 1);

export const shapeText = (dims: (number | null)[]) => `[${dims.map((d) => (d === null ? '?' : d)).join(', ')}]`;

const isStringType = (type: string) => type === 'string';
const isBoolType = (type: string) => type === 'bool';

/**
 * A field's comma-separated text → the flat values `explorer.runOnnx` takes, or why not. Strings
 * keep their spaces inside; numbers and booleans must all parse.
 */
export function parseTensorText(info: OnnxTensorInfoDto, text: string): { values: (number | string | boolean)[] } | { error: string } {
  const want = elementCount(info.dims);
  const parts = text.split(',').map((p) => (isStringType(info.type) ? p.replace(/^ /, '') : p.trim()));
  if (text.trim() === '' && !isStringType(info.type)) return { error: `${info.name} needs ${want} value${want > 1 ? 's' : ''}.` };
  if (parts.length !== want) return { error: `${info.name} takes ${want} value${want > 1 ? 's' : ''} (shape ${shapeText(info.dims)}), not ${parts.length}.` };
  if (isStringType(info.type)) return { values: parts };
  if (isBoolType(info.type)) {
    const bad = parts.find((p) => !/^(true|false|1|0)$/i.test(p));
    if (bad !== undefined) return { error: `${info.name}: “${bad}” is not true or false.` };
    return { values: parts.map((p) => /^(true|1)$/i.test(p)) };
  }
  const values = parts.map(Number);
  const bad = parts.find((p, i) => p === '' || !Number.isFinite(values[i]));
  if (bad !== undefined) return { error: `${info.name}: “${bad}” is not a number.` };
  if (/int/.test(info.type) && values.some((x) => !Number.isInteger(x))) return { error: `${info.name} takes whole numbers (${info.type}).` };
  return { values };
}

/** The text a field starts with: zeros (or empty strings) of the right count. */
export function placeholderText(info: OnnxTensorInfoDto): string {
  const n = elementCount(info.dims);
  return Array.from({ length: n }, () => (isStringType(info.type) ? '' : isBoolType(info.type) ? 'false' : '0')).join(', ');
}
