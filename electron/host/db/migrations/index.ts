import { m0001 } from './0001-init';

export interface Migration {
  /** Numbered from 1, never reused. */
  version: number;
  name: string;
  /** Immutable once released: its sha256 is recorded and checked at every open. */
  sql: string;
}

export const migrations: Migration[] = [m0001];
