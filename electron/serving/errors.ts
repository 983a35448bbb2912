/** An error the server answers with its own HTTP status; `field` names the part of the request at fault. */
export class ServingError extends Error {
  override name = 'ServingError';
  constructor(readonly status: number, readonly code: string, message: string, readonly field?: string) {
    super(message);
  }
}
