/** Structured errors that cross every boundary (IPC, HTTP, CLI) in the same shape. */
export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'not_found'
  | 'unknown_method'
  | 'conflict'
  | 'cancelled'
  | 'unavailable'
  /** The database is held by another writer past the busy timeout: retry shortly. */
  | 'busy'
  | 'internal';

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiErrorBody };

/** Thrown by host code; turned into `{ok:false,error}` by the dispatcher. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** HTTP status for each error code, used by browser mode. */
export const httpStatusOf: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  not_found: 404,
  unknown_method: 404,
  conflict: 409,
  cancelled: 409,
  unavailable: 503,
  busy: 503,
  internal: 500,
};

export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(httpStatusOf, code);
}
