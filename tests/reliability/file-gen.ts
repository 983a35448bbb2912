/**
 * Seeded malformed data files: CSV with flipped bytes, stray quotes, delimiters, NULs and BOMs,
 * huge fields, ragged rows, binary junk, mixed encodings, empty, header-only and very wide files;
 * broken JSON Lines; cut and mutated Parquet; and files whose extension lies about their content.
 */
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { Rng } from './harness';

export interface FuzzFile {
  kind: string;
  ext: string;
  bytes: Buffer;
}

const WORDS = ['alpha', 'beta', 'gamma', 'NA', 'N/A', 'null', '?', '', 'true', 'false', 'yes', '2024-02-30', '2024-01-31', '2024-01-31T12:00:00Z', '1e5', '-0', '0x10', '١٢٣', 'café', '"quoted"', 'a,b', 'x"y', ' padded '];

function cell(r: Rng): string {
  switch (r.int(0, 5)) {
    case 0:
      return String(r.int(-1000, 1000));
    case 1:
      return (r.next() * 1e4 - 5e3).toFixed(r.int(0, 6));
    case 2:
      return r.pick(WORDS);
    case 3:
      return `"${r.pick(WORDS).replace(/"/g, '""')}${r.chance(0.3) ? '\nsecond line' : ''}"`;
    default:
      return r.pick(['north', 'south', 'east', 'west']);
  }
}

/** A well-formed-ish CSV to break: header plus rows of mixed cells. */
function baseCsv(r: Rng, o: { rows?: number; cols?: number; delim?: string; eol?: string } = {}): string {
  const cols = o.cols ?? r.int(1, 10);
  const rows = o.rows ?? r.int(0, 200);
  const delim = o.delim ?? r.pick([',', ',', ',', ';', '\t', '|']);
  const eol = o.eol ?? r.pick(['\n', '\n', '\r\n', '\r']);
  const head = Array.from({ length: cols }, (_, i) => r.pick([`c${i}`, `col ${i}`, `c${i}`, '', 'dup', `"h,${i}"`, 'é']));
  const lines = [head.join(delim)];
  for (let i = 0; i < rows; i++) lines.push(Array.from({ length: cols }, () => cell(r)).join(delim));
  return lines.join(eol) + (r.chance(0.7) ? eol : '');
}

const INSERTS = ['"', '""', ',', ';', '\t', '\u0000', '\ufeff', '\r', '\n', '\r\n', '\\', '\u2028', '\xff', '\ud83d'];

/** Random damage: byte flips, cuts, inserted quotes/delimiters/NULs/BOMs, deleted spans. */
function damage(r: Rng, buf: Buffer, times: number): Buffer {
  let b = Buffer.from(buf);
  for (let t = 0; t < times; t++) {
    const at = b.length ? r.int(0, b.length - 1) : 0;
    switch (r.int(0, 4)) {
      case 0:
        if (b.length) b[at] = r.int(0, 255);
        break;
      case 1:
        b = b.subarray(0, at);
        break;
      case 2:
        b = Buffer.concat([b.subarray(0, at), Buffer.from(r.pick(INSERTS), r.chance(0.2) ? 'latin1' : 'utf8'), b.subarray(at)]);
        break;
      case 3:
        b = Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + r.int(1, 50)))]);
        break;
      default:
        b = Buffer.concat([b.subarray(0, at), Buffer.from(Array.from({ length: r.int(1, 16) }, () => r.int(0, 255))), b.subarray(at)]);
    }
  }
  return b;
}

function jsonl(r: Rng): string {
  const lines: string[] = [];
  for (let i = 0, n = r.int(0, 100); i < n; i++) {
    const rec: Record<string, unknown> = { id: i, name: r.pick(WORDS), score: r.next() * 100 };
    if (r.chance(0.2)) rec[`extra${r.int(0, 3)}`] = r.pick([1, 'x', null, true, [1, 2], { a: 1 }]);
    if (r.chance(0.1)) delete rec.score;
    if (r.chance(0.05)) rec.score = r.pick(['NaN', 1e308, -1e308, '12', null]);
    lines.push(r.chance(0.04) ? r.pick(['[1,2,3]', '"text"', '42', 'null', '{', '{"id": }', '{"a":' + '['.repeat(5000) + ']'.repeat(5000) + '}']) : JSON.stringify(rec));
  }
  return lines.join(r.chance(0.8) ? '\n' : '\r\n') + (r.chance(0.5) ? '\n' : '');
}

function parquet(r: Rng): Buffer {
  const n = r.int(1, 300);
  const buf = parquetWriteBuffer({
    columnData: [
      { name: 'id', data: Int32Array.from({ length: n }, (_, i) => i) },
      { name: 'name', data: Array.from({ length: n }, () => (r.chance(0.1) ? null : r.pick(WORDS))) },
      { name: 'score', data: Float64Array.from({ length: n }, () => r.next()) },
    ],
  });
  return Buffer.from(buf);
}

/** One malformed file; `full` allows the larger ones (huge fields, very wide). */
export function makeFile(r: Rng, full: boolean): FuzzFile {
  const k = r.int(0, 21);
  const csv = (kind: string, text: string | Buffer, ext = '.csv'): FuzzFile => ({ kind, ext, bytes: Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8') });
  switch (k) {
    case 0:
    case 1:
    case 2:
    case 3:
      return csv('flipped/cut/inserted bytes', damage(r, Buffer.from(baseCsv(r)), r.int(1, 12)), r.pick(['.csv', '.csv', '.tsv', '.txt']));
    case 4: {
      const big = 'x'.repeat(full ? r.int(100_000, 3_000_000) : r.int(50_000, 300_000));
      return csv('huge field', baseCsv(r, { rows: 3, cols: 3, delim: ',' }) + `1,"${big}",3\n4,5,6\n`);
    }
    case 5: {
      const lines = Array.from({ length: r.int(2, 60) }, () => Array.from({ length: r.int(1, 12) }, () => cell(r)).join(','));
      return csv('ragged rows', lines.join('\n') + '\n');
    }
    case 6:
      return csv('binary junk', Buffer.from(Array.from({ length: r.int(1, 65_536) }, () => r.int(0, 255))), r.pick(['.csv', '.jsonl', '.parquet', '.bin']));
    case 7:
      return csv('mixed encodings', Buffer.concat([Buffer.from(baseCsv(r, { cols: 3, rows: 20, delim: ',' })), Buffer.from('café,naïve,ÿ\n', 'latin1'), Buffer.from('\x80\x81,\x9f,€\n', 'latin1'), Buffer.from('ok,ünïcödé,🚀\n')]));
    case 8:
      return csv('UTF-16 with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(baseCsv(r, { rows: 10 }), 'utf16le')]));
    case 9:
      return csv('empty', r.pick(['', '\n', '\r\n\r\n', '\ufeff', ' ', '\u0000']));
    case 10:
      return csv('header only', r.pick(['a,b,c', 'a,b,c\n', 'a;b;c\r\n', '"a","b"\n', 'a,a,a\n', ',,\n']));
    case 11: {
      const cols = full ? r.int(2000, 6000) : r.int(500, 2000);
      return csv('very wide', baseCsv(r, { cols, rows: r.int(1, 8), delim: ',', eol: '\n' }));
    }
    case 12:
      return csv('unbalanced quotes', baseCsv(r, { rows: 30 }).replace(/,/g, (m) => (r.chance(0.05) ? '",' : m)) + (r.chance(0.5) ? '"unterminated\n' : ''));
    case 13:
      return csv('NULs and BOMs inside', baseCsv(r, { rows: 40, delim: ',' }).replace(/\n/g, (m) => (r.chance(0.1) ? r.pick(['\u0000\n', '\n\ufeff', '\n\u0000\u0000']) : m)));
    case 14:
      return csv('one long line', Array.from({ length: r.int(1000, 20_000) }, () => r.int(0, 9)).join(','));
    case 15:
      return { kind: 'JSON Lines', ext: '.jsonl', bytes: Buffer.from(jsonl(r)) };
    case 16:
      return { kind: 'damaged JSON Lines', ext: '.jsonl', bytes: damage(r, Buffer.from(jsonl(r)), r.int(1, 8)) };
    case 17:
      return { kind: 'Parquet', ext: '.parquet', bytes: parquet(r) };
    case 18: {
      const p = parquet(r);
      return { kind: r.chance(0.5) ? 'cut Parquet' : 'damaged Parquet', ext: '.parquet', bytes: r.chance(0.5) ? p.subarray(0, r.int(0, p.length - 1)) : damage(r, p, r.int(1, 6)) };
    }
    case 19:
      return r.chance(0.5)
        ? { kind: 'CSV named .parquet', ext: '.parquet', bytes: Buffer.from(baseCsv(r)) }
        : { kind: 'JSON array named .jsonl', ext: '.jsonl', bytes: Buffer.from(JSON.stringify([{ a: 1 }, { a: 2 }])) };
    case 20:
      return csv('numbers at the edges', `v,w\n${['1e308', '1e309', '-1e309', '9007199254740993', '0.1e-400', '-0', '1_0', '+5', '.5', '5.', '1,5', 'Infinity', 'NaN'].map((v) => `${v},${r.int(0, 9)}`).join('\n')}\n`);
    default:
      return csv('types that change late', `n,d,b\n${Array.from({ length: 2500 }, (_, i) => `${i},2024-01-${String(1 + (i % 28)).padStart(2, '0')},${i % 2 === 0}`).join('\n')}\n${r.pick(['x,2024-01-01,true', '1,not a date,true', '1,2024-01-01,maybe', '1.5,2024-13-45,1'])}\n`);
  }
}
