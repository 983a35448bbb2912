import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import type { ApiResult } from '../../../shared/api/errors';

/**
 * Browser mode: the files of the bundles that `models.export` wrote through this server, offered
 * back to the page as downloads (the folder is on the host, where a browser user may not look).
 * Only files this server itself reported as exported are served, and only while they are still
 * plain files: the route is no way to read anything else on the machine.
 */
export class ExportDownloads {
  private readonly files = new Set<string>();

  /** Notes the files of a `models.export` answer. */
  remember(result: ApiResult<unknown>): void {
    if (!result.ok) return;
    const files = (result.data as { files?: unknown } | null)?.files;
    if (!Array.isArray(files)) return;
    for (const f of files) if (typeof f === 'string') this.files.add(path.resolve(f));
  }

  /** The file to serve for a requested path, or null when it is not one this server exported. */
  lookup(requested: string | null): string | null {
    if (!requested) return null;
    const file = path.resolve(requested);
    if (!this.files.has(file)) return null;
    try {
      return fs.lstatSync(file).isFile() ? file : null;
    } catch {
      return null;
    }
  }

  /** Streams the file as an attachment, or answers 404 with the reason. */
  serve(res: http.ServerResponse, requested: string | null): void {
    const file = this.lookup(requested);
    if (!file) {
      const body: ApiResult<unknown> = { ok: false, error: { code: 'not_found', message: 'No such exported file here: export the version again to download it.' } };
      res.writeHead(404, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
      return;
    }
    const name = path.basename(file);
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': fs.statSync(file).size,
      // RFC 6266: a plain ASCII fallback and the exact name in UTF-8.
      'content-disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    // Removed between the check and the read: the download breaks off rather than the server.
    fs.createReadStream(file).on('error', () => res.destroy()).pipe(res);
  }
}
