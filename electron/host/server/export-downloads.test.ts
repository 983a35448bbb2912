import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportDownloads } from './export-downloads';
import { tempHome } from '../../../tests/helpers/temp-home';

const home = tempHome('lathe-export-dl-');
const out = path.join(home.dir, 'exports', 'houses-1.0.0');
const model = path.join(out, 'model.onnx');
const readme = path.join(out, 'README é.md');
const downloads = new ExportDownloads();
let server: http.Server;
let base = '';

beforeAll(async () => {
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(model, Buffer.from([0, 1, 2, 255]));
  fs.writeFileSync(readme, '# inputs\n');
  fs.writeFileSync(path.join(out, 'other.txt'), 'not exported');
  fs.writeFileSync(path.join(home.dir, 'secret.txt'), 'never served');
  downloads.remember({ ok: true, data: { outDir: out, files: [model, readme] } });
  downloads.remember({ ok: false, error: { code: 'conflict', message: 'exists', details: { files: [path.join(home.dir, 'secret.txt')] } } });
  server = http.createServer((req, res) => downloads.serve(res, new URL(req.url ?? '/', 'http://x').searchParams.get('path')));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/?path=`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  home.cleanup();
});

const get = (p: string) => fetch(base + encodeURIComponent(p));

describe('downloads of exported bundles (browser mode)', () => {
  it('serves an exported file as an attachment, byte for byte', async () => {
    const res = await get(model);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="model.onnx"; filename*=UTF-8''model.onnx`);
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([0, 1, 2, 255]);
  });

  it('names a non-ASCII file exactly in UTF-8 and plainly in the fallback', async () => {
    const res = await get(readme);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="README _.md"; filename*=UTF-8''README%20%C3%A9.md`);
    expect(await res.text()).toBe('# inputs\n');
  });

  it('finds the same file through a path that is not normalised', async () => {
    expect((await get(path.join(out, '..', 'houses-1.0.0', 'model.onnx'))).status).toBe(200);
  });

  it('refuses files it did not export: beside the bundle, elsewhere, or named by a failed export', async () => {
    for (const p of [path.join(out, 'other.txt'), path.join(home.dir, 'secret.txt'), '/etc/passwd', '']) {
      const res = await get(p);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
  });

  it('refuses an exported file replaced by a link or removed since', async () => {
    const link = new ExportDownloads();
    const target = path.join(out, 'link.onnx');
    fs.symlinkSync(path.join(home.dir, 'secret.txt'), target);
    link.remember({ ok: true, data: { files: [target, path.join(out, 'gone.onnx')] } });
    expect(link.lookup(target)).toBeNull();
    expect(link.lookup(path.join(out, 'gone.onnx'))).toBeNull();
    expect(downloads.lookup(model)).toBe(model);
  });
});
