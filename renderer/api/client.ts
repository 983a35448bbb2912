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
