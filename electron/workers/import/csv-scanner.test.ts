import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../models/split/prng';
import { CsvScanner, ScanUnsupported, type Newline } from './csv-scanner';
import { guessNewline } from '../../data/import/csv-head';

const rng = mulberry32;

/** Records as the scanner gives them, the text fed in pieces cut at the given points. */
function scan(text: string, delimiter: string, newline: Newline, cuts: number[], quoteChar = '"'): string[][] {
  const out: string[][] = [];
  const scanner = new CsvScanner(delimiter, quoteChar, newline, (rec) => out.push(Array.from({ length: rec.count }, (_, i) => rec.value(i))));
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    scanner.push(text.slice(from, cut), false);
    from = cut;
  }
  scanner.push(text.slice(from), true);
  return out;
}

function papa(text: string, delimiter: string, newline: Newline, quoteChar = '"') {
  return Papa.parse<string[]>(text, { delimiter, newline, quoteChar, skipEmptyLines: true });
}

const pieces = ['1', '-2.5', 'abc', '', ' ', '"q"', '"a,b"', '"x""y"', '""', '"', 'x"y', '"multi\nline"', '"cr\r\nlf"', '\r', '\n', '\r\n', ',', ';', '\t', 'é', '"" ', '"a" ', '"a"b'];

describe('CSV scanner', () => {
  it('gives Papa Parse records for 5,000 generated texts cut at random points, or hands them over', () => {
    const r = rng(7);
    let same = 0;
    let handedOver = 0;
    for (let i = 0; i < 5000; i++) {
      const delimiter = [',', ';', '\t', '|'][Math.floor(r() * 4)];
      const eol = ['\n', '\r\n', '\r'][Math.floor(r() * 3)];
      const lines = Array.from({ length: 1 + Math.floor(r() * 8) }, () =>
        Array.from({ length: 1 + Math.floor(r() * 4) }, () => (r() < 0.7 ? pieces[Math.floor(r() * 6)] : pieces[Math.floor(r() * pieces.length)])).join(delimiter),
      );
      const text = lines.join(eol) + (r() < 0.5 ? eol : '');
      const newline = guessNewline(text, '"');
      const cuts = Array.from({ length: Math.floor(r() * 4) }, () => Math.floor(r() * (text.length + 1)));
      const expected = papa(text, delimiter, newline);
      let got: string[][];
      try {
        got = scan(text, delimiter, newline, cuts);
      } catch (err) {
        expect(err).toBeInstanceOf(ScanUnsupported);
        handedOver++;
        continue;
      }
      expect({ text, cuts, errors: expected.errors.length, rows: got }).toEqual({ text, cuts, errors: 0, rows: expected.data });
      same++;
    }
    expect(same).toBeGreaterThan(2500);
    expect(handedOver).toBeGreaterThan(100);
  });

  it('a quoted field cut between its doubled quotes, and a \\r\\n cut in two', () => {
    const text = 'a,b\r\n"x""y",2\r\n"z","3"\r\n';
    const expected = papa(text, ',', '\r\n').data;
    for (let cut = 0; cut <= text.length; cut++) expect(scan(text, ',', '\r\n', [cut])).toEqual(expected);
  });

  it('lone \\r and \\n are text when the newline is \\r\\n', () => {
    expect(scan('a\rb,c\nd\r\ne,f\r', ',', '\r\n', [2, 5])).toEqual([
      ['a\rb', 'c\nd'],
      ['e', 'f\r'],
    ]);
  });

  it('a record longer than many chunks', () => {
    const big = 'y'.repeat(300_000);
    const text = `id,blob\n1,"${big}"\n2,${big}\n3,x`;
    const cuts = Array.from({ length: 40 }, (_, i) => i * 17_000);
    expect(scan(text, ',', '\n', cuts)).toEqual([
      ['id', 'blob'],
      ['1', big],
      ['2', big],
      ['3', 'x'],
    ]);
  });

  it('hands over unterminated quotes and text after a closing quote', () => {
    expect(() => scan('a,"b\n', ',', '\n', [])).toThrow(ScanUnsupported);
    expect(() => scan('a,"b"c\n', ',', '\n', [])).toThrow(ScanUnsupported);
    expect(() => scan('a,b\n', '"', '\n', [])).toThrow(ScanUnsupported);
  });
});
