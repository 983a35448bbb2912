import type { ArgsOf, MethodName, ResultOf } from '../../shared/api/contract';
import type { ApiErrorBody, ApiResult } from '../../shared/api/errors';
import type { EventMap, EventName, LatheBridge } from '../../shared/api/events';
import { createBrowserBridge } from './browser-bridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    lathe?: LatheBridge;
  }
}

export class ApiCallError extends Error {
  readonly code: string;
  readonly details: unknown;
  constructor(body: ApiErrorBody) {
    super(body.message);
    this.code = body.code;
    this.details = body.details;
  }
}

let bridge: LatheBridge | null = null;
const getBridge = (): LatheBridge => (bridge ??= window.lathe ?? createBrowserBridge());

/** The renderer's single API client: the same calls over Electron IPC or browser mode. */
export const api = {
  async invoke<M extends MethodName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>> {
    const res = (await getBridge().invoke(method, args)) as ApiResult<ResultOf<M>>;
    if (!res.ok) throw new ApiCallError(res.error);
    return res.data;
  },
  on<E extends EventName>(event: E, cb: (payload: EventMap[E]) => void): () => void {
    return getBridge().on(event, cb as (p: unknown) => void);
  },
  hostKind(): 'electron' | 'browser' {
    return window.lathe ? 'electron' : 'browser';
  },
};

/**
 * Browser mode: streams a file the user chose to the host and returns the path the host saved it
 * at (for `datasets.import` with `removeSource: true`). Reports upload progress 0..1.
 */
export function uploadFile(file: File, onProgress?: (fraction: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/upload?name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('authorization', `Bearer ${sessionStorage.getItem('lathe.token') ?? ''}`);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress?.(e.loaded / e.total);
    xhr.onload = () => {
      const res = JSON.parse(xhr.responseText) as ApiResult<{ path: string }>;
      if (res.ok) resolve(res.data.path);
      else reject(new ApiCallError(res.error));
    };
    xhr.onerror = () => reject(new Error('Upload failed: the Lathe server did not answer.'));
    xhr.send(file);
  });
}
