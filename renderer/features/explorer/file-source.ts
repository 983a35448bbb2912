import { uploadFile } from '../../api/client';

/** A file the user chose: a browser File (uploaded first) or a path the desktop host can read. */
export type FileSource = { kind: 'file'; file: File; label: string } | { kind: 'path'; path: string; label: string };

export const fileLabel = (path: string) => path.replace(/^.*[\\/]/, '');

/** The path the host reads the file at: browser mode uploads it first (reporting progress 0..1). */
export function hostPath(source: FileSource, onProgress: (fraction: number) => void): Promise<string> {
  return source.kind === 'file' ? uploadFile(source.file, onProgress) : Promise.resolve(source.path);
}
