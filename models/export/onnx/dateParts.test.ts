import { describe, it, expect } from 'vitest';
import * as ort from 'onnxruntime-node';
import { datePart, DEFAULT_DATE_PARTS } from '../../pipeline/dateParts';
import { mulberry32 } from '../../split/prng';
import { GraphBuilder } from './proto';
import { datePartsGraph } from './datePartsGraph';

const DAY = 86_400_000;

function timestamps(): number[] {
  const out: number[] = [NaN, Infinity, -Infinity, 0, -1, 1, -0.5, 0.5, -1.5, 1.5, -DAY, DAY - 1, -DAY + 0.25,
    8.64e15, -8.64e15, 8.64e15 + 1, -8.64e15 - 1, 1e300, -1e300];
  // Year, month and day boundaries around leap and century years.
  for (const y of [-400, -1, 0, 1, 4, 100, 1600, 1700, 1899, 1900, 1969, 1970, 1999, 2000, 2001, 2023, 2024, 2100, 2400, 9999]) {
    for (const [m, d] of [[0, 1], [1, 28], [1, 29], [2, 1], [11, 31]]) {
      const t = Date.UTC(y, m, d);
      const base = y >= 0 && y < 100 ? new Date(t).setUTCFullYear(y) : t;
      for (const off of [-1, 0, 1, 3_599_999, 3_600_000, DAY - 1]) out.push(base + off);
    }
  }
  const rand = mulberry32(3);
  for (let i = 0; i < 5000; i++) out.push(Math.floor((rand() * 2 - 1) * 1e14));
  for (let i = 0; i < 2000; i++) out.push((rand() * 2 - 1) * 4e12);
  return out;
}

describe('date parts as ONNX arithmetic', () => {
  it('matches dateParts.ts exactly, including negative, fractional, out-of-range and missing times', async () => {
    const g = new GraphBuilder();
    const x = g.input('ms', 'double', ['N', 1]);
    const parts = datePartsGraph(g, x, DEFAULT_DATE_PARTS);
    g.op('Concat', parts, { axis: { kind: 'int', value: 1 } }, { out: 'parts' });
    g.output('parts', 'double', ['N', DEFAULT_DATE_PARTS.length]);
    const session = await ort.InferenceSession.create(g.encode('date_parts', ''));
    const ms = timestamps();
    const res = await session.run({ ms: new ort.Tensor('float64', Float64Array.from(ms), [ms.length, 1]) });
    const got = res.parts.data as Float64Array;
    const P = DEFAULT_DATE_PARTS.length;
    const bad: string[] = [];
    ms.forEach((t, i) => {
      DEFAULT_DATE_PARTS.forEach((p, j) => {
        const want = datePart(t, p), have = got[i * P + j];
        if (!Object.is(want, have) && !(want === have)) bad.push(`${t} ${p}: ${have} != ${want}`);
      });
    });
    expect(bad.slice(0, 10)).toEqual([]);
  });
});
