import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDataset } from './import-task';
import { importArgs } from '../../../shared/api/methods/datasets';
import { parseArgs } from '../../../shared/api/contract';
import type { ImportOptionsDto } from '../../../shared/api/datasets-dto';
import { describeQuote } from '../../../shared/import-quote';
import { tableNameFor } from '../../data/db/dataset-tables';
import { importTaskFixture } from '../../../tests/helpers/import-task-fixture';
import { csvDialect, quotesBreakRecords } from '../../data/import/dialect';
import { NO_QUOTE } from '../../data/import/csv-head';

const fx = importTaskFixture('quote');
const auto = { delimiter: 'auto', quote: 'auto', quotes: true };

/** Reviews as exported with quoting off: quotes open fields without closing them, or close them early. */
const REVIEWS = [
  ['review', 'stars'],
  ['"Best burger in town" - that is what the sign says. Not true.', '2'],
  ['Loved it, will come back', '5'],
  ['"Meh', '3'],
  ['The fries were 6" long and cold', '1'],
  ['Staff said "no" twice, then "maybe"', '2'],
  ['"Perfect"', '5'],
  ['Great, great place', '5'],
  ['"Do not go" says my wife', '1'],
];
const reviewsTsv = REVIEWS.map((r) => r.join('\t')).join('\n') + '\n';

let n = 0;
async function importText(text: string, extra: Record<string, unknown> = {}, csvParser: 'scan' | 'papa' = 'scan') {
  const file = path.join(fx.home.dir, `q${n}.txt`);
  fs.writeFileSync(file, text);
  const id = `q${n++}`;
  const r = await importDataset({ ...importArgs.parse({ path: file, ...extra }), datasetId: id, csvParser }, fx.ctx());
  const rows = fx.db.prepare(`SELECT * FROM "${tableNameFor(id)}" ORDER BY rowid`).raw().all() as unknown[][];
  const options = JSON.parse((fx.db.prepare('SELECT options_json FROM datasets WHERE id = ?').get(id) as { options_json: string }).options_json) as ImportOptionsDto;
  return { r, rows, options };
}

describe('sniffing the quote', () => {
  it('turns quoting off for a TSV whose fields hold stray quotes', () => {
    expect(csvDialect(reviewsTsv, auto, false)).toEqual({ delimiter: '\t', quoteChar: NO_QUOTE });
    // A sample cut mid-line: the last line is left out, the verdict is the same.
    expect(csvDialect(reviewsTsv + '"Cut off here', auto, true)).toEqual({ delimiter: '\t', quoteChar: NO_QUOTE });
  });

  it('keeps the double quote where quoting is in use', () => {
    // Delimiters and line breaks inside quotes, doubled quotes.
    expect(csvDialect('id,text,n\n1,"a, b",2\n2,"multi\nline",3\n3,"he said ""hi""",4\n4,plain,5\n', auto, false)).toEqual({ delimiter: ',', quoteChar: '"' });
    // Every field quoted, one line broken: the broken line is the file's fault, to be reported.
    const full = ['"a","b","c"', ...Array.from({ length: 30 }, (_, i) => `"${i}","x${i}","y"`), '"1","bad"x,"2"'].join('\n');
    expect(csvDialect(full, auto, false).quoteChar).toBe('"');
    // One column, a quoted value over two lines.
    expect(csvDialect('text\n"hello\nworld"\n"foo"\nbar\n', auto, false).quoteChar).toBe('"');
    // Quotes inside fields that no field opens with: both readings agree, the default stays.
    expect(csvDialect('a\tb\nsaid "hi"\t1\n6" long\t2\n', auto, false)).toEqual({ delimiter: '\t', quoteChar: '"' });
    // Quoted tabs in a TSV: reading without quotes is just as regular, but quotes are in use.
    expect(quotesBreakRecords('"a\tb"\tc\n"d\te"\tf\n', '\t', false)).toBe(false);
  });

  it('reads with the quote it is given, sniffing the delimiter outside it', () => {
    expect(csvDialect(reviewsTsv, { ...auto, quote: '"' }, false).quoteChar).toBe('"');
    expect(csvDialect(reviewsTsv, { ...auto, quote: 'none' }, false)).toEqual({ delimiter: '\t', quoteChar: NO_QUOTE });
    expect(csvDialect(reviewsTsv, { ...auto, quotes: false }, false).quoteChar).toBe(NO_QUOTE);
    expect(csvDialect("a;b\n'x;y';1\n'z';2\n", { ...auto, quote: "'" }, false)).toEqual({ delimiter: ';', quoteChar: "'" });
    expect(() => csvDialect('a,b\n', { ...auto, delimiter: ',', quote: ',' }, false)).toThrow(/quote character "," is also the delimiter/);
  });

  it('refuses a quote that is not one character, naming the field', () => {
    expect(() => parseArgs('datasets.import', { path: 'x.csv', quote: '""' })).toThrow(/^Invalid argument 'quote' for datasets.import: expected one character/);
    expect(() => parseArgs('datasets.import', { path: 'x.csv', quote: '\n' })).toThrow(/'quote'/);
    expect(parseArgs('datasets.import', { path: 'x.csv' }).quote).toBe('auto');
  });

  it('words the quoting for the user', () => {
    const o = { format: 'csv' as const, quotes: false };
    expect(describeQuote({ ...o, quote: null, quoteDetected: true })).toBe('quotes: none (detected)');
    expect(describeQuote({ ...o, quote: null, quoteDetected: false })).toBe('quotes: none');
    expect(describeQuote({ ...o, quote: "'", quoteDetected: false })).toBe("quotes: '");
    expect(describeQuote({ ...o, quotes: true, quote: '"', quoteDetected: true })).toBeNull();
    expect(describeQuote(o)).toBe('quotes: none'); // imported before the quote was recorded
  });
});

describe('importing with stray quotes', () => {
  it.each(['scan', 'papa'] as const)('a TSV of reviews keeps every row and its text (%s)', async (parser) => {
    const { r, rows, options } = await importText(reviewsTsv, {}, parser);
    expect(r.rows).toBe(REVIEWS.length - 1);
    expect(r.columns.map((c) => c.name)).toEqual(['review', 'stars']);
    expect(rows).toEqual(REVIEWS.slice(1).map(([text, stars]) => [text, Number(stars)]));
    expect(options).toMatchObject({ delimiter: '\t', header: true, quotes: false, quote: null, quoteDetected: true });
    expect(describeQuote(options)).toBe('quotes: none (detected)');
  });

  it('a CSV with normal quoting is read as before', async () => {
    const { r, rows, options } = await importText('name,note,n\n"Smith, J","line one\nline two",1\nLee,"said ""hi""",2\n');
    expect(r.rows).toBe(2);
    expect(rows).toEqual([['Smith, J', 'line one\nline two', 1], ['Lee', 'said "hi"', 2]]);
    expect(options).toMatchObject({ quotes: true, quote: '"', quoteDetected: true });
    expect(describeQuote(options)).toBeNull();
  });

  it("reads ' as the quote when told, and \" as text", async () => {
    const text = "city;motto;n\n'Porto';'Work; then rest';1\n'Lisbon';'It''s \"bright\"';2\n";
    for (const parser of ['scan', 'papa'] as const) {
      const { rows, options } = await importText(text, { quote: "'" }, parser);
      expect(rows).toEqual([['Porto', 'Work; then rest', 1], ['Lisbon', 'It\'s "bright"', 2]]);
      expect(options).toMatchObject({ delimiter: ';', quotes: true, quote: "'", quoteDetected: false });
    }
  });

  it('quote none reads a CSV quote as text; a bad row is located with the same rule', async () => {
    const { rows } = await importText('a,b\n"x",1\n"y,2\n', { quote: 'none' });
    expect(rows).toEqual([['"x"', 1], ['"y', 2]]);
    // Line 4 is a bad row: a quote reader would count lines 3-4 as one record.
    await expect(importText('a,b\n1,2\n"p,3\n4,5,6\n', { quote: 'none' })).rejects.toThrow(/line 4:/);
  });
});
