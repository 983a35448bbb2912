import { describe, expect, it } from 'vitest';
import { detectEncoding, detectFormat, detectHeader, hasConsistentLeadingSpace, looksBinary, sniffDelimiter } from './sniff';
import { isMissing, parseDate, parseDatetime, parseFloatStrict, parseInteger } from '../values';
import { inferRawType, StringStats } from './infer';
import { columnNames } from './columns';

describe('sniffing', () => {
  it('finds the delimiter that splits lines consistently', () => {
    expect(sniffDelimiter('a,b,c\n1,2,3\n4,5,6\n')).toBe(',');
    expect(sniffDelimiter('a\tb\n1\t2\n')).toBe('\t');
    expect(sniffDelimiter('a;b;c\n1,5;2;3\n')).toBe(';');
    expect(sniffDelimiter('a|b\n"x|y"|2\n3|4\n')).toBe('|');
  });

  it('tells a header from data', () => {
    expect(detectHeader([['name', 'age'], ['Ann', '31'], ['Bo', '42']])).toBe(true);
    expect(detectHeader([['39', 'State-gov'], ['50', 'Private']])).toBe(false);
    expect(detectHeader([['Month', 'Passengers'], ['1949-01', '112']])).toBe(true);
    expect(detectHeader([['Wow loved this place.', '1'], ['Crust is not good.', '0']])).toBe(false);
    expect(detectHeader([['a', 'a'], ['x', 'y']])).toBe(false);
    // Codes of one length under longer names; names as long as the codes say nothing either way.
    expect(detectHeader([['user', 'item'], ['u1', 'i1'], ['u2', 'i2'], ['u1', 'i3']])).toBe(true);
    expect(detectHeader([['u1', 'i1'], ['u2', 'i2'], ['u1', 'i3']])).toBe(false);
    expect(detectHeader([['abcd', 'wxyz'], ['bcde', 'xyzw'], ['cdef', 'yzwx']])).toBe(false);
  });

  it('notices a consistent space after the delimiter', () => {
    expect(hasConsistentLeadingSpace([['39', ' State-gov', ' 77516']])).toBe(true);
    expect(hasConsistentLeadingSpace([['a', 'b'], ['c', ' d']])).toBe(false);
  });

  it('detects encodings, binary files and formats', () => {
    expect(detectEncoding(Buffer.from('café', 'utf8'))).toBe('utf-8');
    expect(detectEncoding(Buffer.from('caf\xe9 au lait', 'latin1'))).toBe('latin1');
    expect(looksBinary(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toBe(true);
    expect(looksBinary(Buffer.from('a,b\n1,2\n'))).toBe(false);
    expect(detectFormat('x.csv', '{"a":1}\n')).toBe('jsonl');
    expect(detectFormat('x.parquet', 'PAR1')).toBe('parquet');
    expect(detectFormat('x.txt', 'a,b\n')).toBe('csv');
  });
});

describe('values and types', () => {
  it('recognises missing markers', () => {
    for (const m of ['', 'NA', 'n/a', 'N/A', 'null', 'NULL', '?', 'NaN']) expect(isMissing(m)).toBe(true);
    for (const v of ['0', 'None of it', 'nah', 'Nan Goldin']) expect(isMissing(v)).toBe(false);
  });

  it('parses numbers strictly', () => {
    expect(parseInteger('-42')).toBe(-42);
    expect(parseInteger('4.0')).toBeNull();
    expect(parseFloatStrict('1e-3')).toBe(0.001);
    expect(parseFloatStrict('12abc')).toBeNull();
    expect(parseFloatStrict('Infinity')).toBeNull();
  });

  it('checks the calendar', () => {
    expect(parseDate('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseDate('2023-02-29')).toBeNull();
    expect(parseDate('1949-01')).toBe(Date.UTC(1949, 0, 1));
    expect(parseDate('2024/3/5')).toBe(Date.UTC(2024, 2, 5));
    expect(parseDatetime('2024-03-05 10:30:00')).toBe(Date.UTC(2024, 2, 5, 10, 30));
    expect(parseDatetime('2024-03-05T10:30:00+01:00')).toBe(Date.UTC(2024, 2, 5, 9, 30));
  });

  it('infers the narrowest type', () => {
    expect(inferRawType(['1', '2', ''])).toBe('integer');
    expect(inferRawType(['1', '2.5'])).toBe('float');
    expect(inferRawType(['yes', 'no', 'NA'])).toBe('boolean');
    expect(inferRawType(['2024-01-01', '2024-02-01'])).toBe('date');
    expect(inferRawType(['2024-01-01', '2024-02-01 10:00'])).toBe('datetime');
    expect(inferRawType(['a', '1'])).toBe('string');
  });

  it('settles strings as categorical or text', () => {
    const cat = new StringStats();
    for (let i = 0; i < 1000; i++) cat.add(['Private', 'State-gov', 'Self-emp'][i % 3]);
    expect(cat.settle()).toBe('categorical');
    const text = new StringStats();
    for (let i = 0; i < 100; i++) text.add(`The food was great and the service ${i} was slow`);
    expect(text.settle()).toBe('text');
  });

  it('names columns: generated, blanks filled, duplicates made unique', () => {
    expect(columnNames(3, null)).toEqual(['column_1', 'column_2', 'column_3']);
    expect(columnNames(3, ['a', '', 'a'])).toEqual(['a', 'column_2', 'a_2']);
    expect(() => columnNames(2, null, ['x'])).toThrow(/1 column names were given but the file has 2/);
  });
});
