import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

export class EncodingError extends Error {}

export interface TextStreamStats {
  bytes: number;
  sha256(): string;
}

/**
 * The file as a stream of decoded text: hashes the raw bytes, counts them for progress,
 * strips a BOM, and fails (EncodingError) on bytes that are not valid in the encoding.
 */
export function openTextStream(file: string, encoding: 'utf-8' | 'latin1', signal: AbortSignal): { stream: Readable; stats: TextStreamStats } {
  const hash = createHash('sha256');
  const stats = { bytes: 0, sha256: () => hash.digest('hex') };
  const decoder = new TextDecoder(encoding === 'utf-8' ? 'utf-8' : 'latin1', { fatal: true, ignoreBOM: false });
  async function* generate() {
    const src = fs.createReadStream(file, { highWaterMark: 1 << 20, signal });
    let byteOffset = 0;
    for await (const chunk of src as AsyncIterable<Buffer>) {
      hash.update(chunk);
      stats.bytes += chunk.length;
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw new EncodingError(`bytes near offset ${byteOffset} are not valid ${encoding}`);
      }
      byteOffset += chunk.length;
      if (text) yield text;
    }
    const tail = decoder.decode();
    if (tail) yield tail;
  }
  return { stream: Readable.from(generate(), { objectMode: false, encoding: 'utf8' }), stats };
}

/** The first bytes of a file, for sniffing. */
export function readHead(file: string, size = 256 * 1024): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(size);
    const n = fs.readSync(fd, buf, 0, size, 0);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}
