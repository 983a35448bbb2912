import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importFile } from '../../../tests/helpers/core-fixture';
import { isOwnUpload } from '../handlers/export';

let fx: ReturnType<typeof coreFixture>;
let uploads: string;
beforeAll(() => {
  fx = coreFixture('browser');
  uploads = path.join(fx.home, 'uploads');
  fs.mkdirSync(uploads);
});
afterAll(() => fx.close());

const GOOD = 'a,b\n1,x\n2,y\n3,z\n';
/** Refused by the importer: a header row and no data. */
const REFUSED = 'a,b\n';
const write = (file: string, text: string) => (fs.writeFileSync(file, text), file);

describe('removeSource removes only uploads Lathe saved', () => {
  it('refuses it for a file the caller names, and leaves the file', async () => {
    const mine = write(path.join(fx.home, 'mine.csv'), GOOD);
    await expect(importFile(fx.core, { path: mine, removeSource: true })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/removeSource is only for files uploaded to Lathe .*mine\.csv was not imported/),
    });
    expect(fs.readFileSync(mine, 'utf8')).toBe(GOOD);
  });

  it('leaves a file the caller names when its import is refused', async () => {
    const mine = write(path.join(fx.home, 'empty.csv'), REFUSED);
    await expect(importFile(fx.core, { path: mine, removeSource: true })).rejects.toThrow();
    expect(fs.existsSync(mine)).toBe(true);
  });

  it('never reaches outside the uploads folder, nor a file there under another name', async () => {
    const outside = write(path.join(fx.home, '0b5d2f64-4c1e-4c47-9a55-3f0b8a7d2e11-x.csv'), GOOD);
    const sneaky = path.join(uploads, '..', path.basename(outside));
    await expect(importFile(fx.core, { path: sneaky, removeSource: true })).rejects.toMatchObject({ code: 'bad_request' });
    expect(fs.existsSync(outside)).toBe(true);
    const unnamed = write(path.join(uploads, 'notes.csv'), GOOD);
    await expect(importFile(fx.core, { path: unnamed, removeSource: true })).rejects.toMatchObject({ code: 'bad_request' });
    expect(fs.existsSync(unnamed)).toBe(true);
    expect(isOwnUpload(fx.home, uploads)).toBe(false);
  });

  it('removes an upload once imported, and once refused', async () => {
    const ok = write(path.join(uploads, '6f1e0c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b-good.csv'), GOOD);
    const r = await importFile(fx.core, { path: ok, removeSource: true });
    expect(r.rows).toBe(3);
    expect(r.name).toBe('good');
    await until(() => !fs.existsSync(ok));
    const bad = write(path.join(uploads, '7a1e0c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b-bad.csv'), REFUSED);
    await expect(importFile(fx.core, { path: bad, removeSource: true })).rejects.toThrow(/no data rows/);
    await until(() => !fs.existsSync(bad));
  });
});

/** The host removes an upload when the job ends, just after its result is known. */
async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !cond(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(cond()).toBe(true);
}
