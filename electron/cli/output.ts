import { ApiError } from '../../shared/api/errors';

/** How every command prints: JSON on stdout with --json, readable text otherwise. */
export interface Output {
  json: boolean;
  result(data: unknown, text: () => string): void;
  fail(err: unknown): never;
}

export function makeOutput(json: boolean): Output {
  return {
    json,
    result(data, text) {
      process.stdout.write(json ? JSON.stringify(data) + '\n' : text() + '\n');
    },
    fail(err) {
      const body =
        err instanceof ApiError ? err.toBody() : { code: 'internal', message: (err as Error)?.message ?? String(err) };
      const line = body.message.split('\n')[0];
      if (json) process.stdout.write(JSON.stringify({ ok: false, error: { ...body, message: line } }) + '\n');
      process.stderr.write(`lathe: ${line}\n`);
      process.exit(1);
    },
  };
}
