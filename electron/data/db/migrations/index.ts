import { m0001 } from './0001-init';
import { m0002 } from './0002-run-spec';
import { m0003 } from './0003-sweeps';
import { m0004 } from './0004-forecast-runs';
import { m0005 } from './0005-run-names';
import { m0006 } from './0006-recommend-runs';
import { m0007 } from './0007-dataset-versions';
import { m0008 } from './0008-automation';
import { m0009 } from './0009-deployments';
import { m0010 } from './0010-forecast-mape-fraction';

export interface Migration {
  /** Numbered from 1, never reused. */
  version: number;
  name: string;
  /** Immutable once released: its sha256 is recorded and checked at every open. */
  sql: string;
}

export const migrations: Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010];
