import type { ApiResult } from '../../../shared/api/errors';

/** The file's own name, whatever separator the host's paths use. */
export const baseName = (file: string) => file.replace(/^.*[\\/]/, '');

/**
 * Browser mode: fetches a file of a bundle the server exported (GET /api/export-file, with the
 * token, which a plain link could not send) and hands it to the browser as a download.
 */
export async function downloadExportedFile(file: string): Promise<void> {
  const res = await fetch(`/api/export-file?path=${encodeURIComponent(file)}`, {
    headers: { authorization: `Bearer ${sessionStorage.getItem('lathe.token') ?? ''}` },
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as ApiResult<unknown> | null;
    throw new Error(body && !body.ok ? body.error.message : `Download failed (${res.status})`);
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = baseName(file);
  document.body.append(a);
  a.click();
  a.remove();
  // The click has started the download; the object URL is not needed after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
