import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempHome } from '../../../tests/helpers/temp-home';
import { EncodingError, readText } from './text-stream';

const home = tempHome();
afterAll(() => home.cleanup());
const CHUNK = 1 << 19; // readText's read size

async function read(bytes: Buffer, encoding: 'utf-8' | 'latin1' = 'utf-8'): Promise<string> {
  const file = path.join(home.dir, `f${Math.random().toString(36).slice(2)}.txt`);
  fs.writeFileSync(file, bytes);
  let out = '';
  for await (const chunk of readText(file, encoding, new AbortController().signal).chunks) out += chunk;
  return out;
}

describe('readText', () => {
  it('reads ASCII chunks and then UTF-8 split across a chunk boundary', async () => {
    const ascii = 'a,b\n'.repeat(CHUNK / 4 + 1).slice(0, 2 * CHUNK - 1);
    const text = ascii + 'é€😀 ok\uFEFF end';
    expect(await read(Buffer.from(text, 'utf8'))).toBe(text);
  });

  it('drops a byte-order mark at the start only', async () => {
    expect(await read(Buffer.from('\uFEFFa,b\n1,2\n', 'utf8'))).toBe('a,b\n1,2\n');
    const late = 'x'.repeat(CHUNK) + '\uFEFFy';
    expect(await read(Buffer.from(late, 'utf8'))).toBe(late);
  });

  it('fails on invalid UTF-8 after plain ASCII chunks, naming the offset', async () => {
    const bytes = Buffer.concat([Buffer.from('x'.repeat(CHUNK + 10)), Buffer.from([0xff, 0x41])]);
    await expect(read(bytes)).rejects.toThrow(EncodingError);
    await expect(read(bytes)).rejects.toThrow(/offset 524288/);
  });

  it('reads Latin-1 bytes after ASCII chunks', async () => {
    const bytes = Buffer.concat([Buffer.from('x'.repeat(CHUNK)), Buffer.from([0x63, 0x61, 0x66, 0xe9])]);
    expect(await read(bytes, 'latin1')).toBe('x'.repeat(CHUNK) + 'café');
  });
});
