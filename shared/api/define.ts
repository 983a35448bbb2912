import type { z } from 'zod';

/** A method's runtime args schema plus its (type-only) result. */
export interface MethodDef<A extends z.ZodType, R> {
  args: A;
  /** Phantom: carries the result type; never read at run time. */
  readonly result?: R;
}

export function method<R>() {
  return <A extends z.ZodType>(args: A): MethodDef<A, R> => ({ args });
}
