import { z } from 'zod';
import { method } from '../define';
import { refSchema } from '../ids';
import { modelName } from './registry';
import type { CompareResultDto } from '../runs-dto';

/** A value measured on a window's requests, with its 95 % interval (Wilson for shares, bootstrap for errors). */
export interface IntervalDto {
  estimate: number;
  lo: number;
  hi: number;
  /** How the interval was made. */
  method: 'wilson' | 'bootstrap' | 'none';
  /** Rows it was measured on. */
  n: number;
}

/** One version in one time window: its share of served traffic and its live metrics. */
export interface DeploymentWindowDto {
  start: string;
  end: string;
  version: string;
  /** Requests this version scored in the window (shadow scores included). */
  requests: number;
  /** Share of the window's served answers that came from this version (0–1; a shadow's is 0). */
  share: number;
  /** successRate, latencyP50Ms, latencyP99Ms, and from joined feedback accuracy (classes) or mae / rmse (values). */
  metrics: Record<string, IntervalDto>;
}

/** One decision of the server's canary analysis, with the checks it was judged on. */
export interface DeploymentStepDto {
  /** Order of the decision in the log (0-based). */
  step: number;
  /** The canary step the decision ends or reports on. */
  canaryStep: number;
  at: string;
  action: 'advance' | 'rollback' | 'promote' | 'hold';
  /** Percent of traffic each version gets from this decision on. */
  traffic: { stable: number; candidate: number };
  evidence: { decisions: number; checks: { name: string; status: string; value: number | null; threshold: number; evidence: Record<string, number | string | null> }[] };
  reason: string;
  /** The alias move written into the registry for a rollback or promotion, when the versions are registered. */
  aliasMove: { alias: string; from: string | null; to: string } | null;
}

/** Candidate (B) against stable (A) on requests whose outcome came back, with the Compare page's metrics and verdict. */
export type DeploymentComparisonDto = Pick<
  CompareResultDto,
  'metric' | 'lowerIsBetter' | 'valueA' | 'valueB' | 'rows' | 'difference' | 'margin' | 'verdict' | 'text' | 'mcnemar'
> & {
  versionA: string;
  versionB: string;
  /** paired: the rows both versions scored (canary, shadow); unpaired: each version's own served rows (a sticky A/B split). */
  design: 'paired' | 'unpaired';
};

export interface DeploymentSummaryDto {
  id: string;
  name: string;
  /** The registered model the versions belong to, when known. */
  modelName: string | null;
  policy: 'single' | 'canary' | 'ab' | 'shadow';
  /** Stable first, then the candidate. */
  versions: string[];
  /** Where the logs came from (a folder or a server's address). */
  source: string;
  startedAt: string | null;
  endedAt: string | null;
  requests: number;
  /** How it ended: rolled-back, promoted, progressing (canary), or serving (other policies). */
  outcome: string;
  importedAt: string;
}

export interface DeploymentDetailDto extends DeploymentSummaryDto {
  /** Seconds per window of `windows`. */
  windowS: number;
  windows: DeploymentWindowDto[];
  timeline: DeploymentStepDto[];
  comparisons: DeploymentComparisonDto[];
}

export interface DeploymentImportDto {
  deployment: DeploymentSummaryDto;
  /** True when the same logs were imported before: nothing was written. */
  unchanged: boolean;
  files: number;
  lines: number;
  /** Rollbacks and promotions written into the registry's alias history by this import. */
  aliasMoves: number;
}

export const deploymentImportArgs = z
  .object({
    /** A serve-model --logs folder. */
    dir: z.string().min(1).max(4096),
    /** Name of the deployment (default: the folder's name). Re-importing under the same name replaces it. */
    name: z.string().trim().min(1).max(100).optional(),
    /** The registered model the logged versions belong to, for rollbacks in its alias history. */
    model: modelName.optional(),
    /** The alias a server rollback or promotion moves. */
    alias: z.string().trim().min(1).max(40).regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and dashes').default('production'),
    /** Seconds per metrics window; default: the deployment's span over 30, at least one second. */
    windowS: z.number().positive().max(86_400 * 30).optional(),
    /** Smallest candidate − stable difference that matters, in the metric's units (the Compare page's margin). */
    margin: z.number().min(0).default(0),
  })
  .strict();
export type DeploymentImportArgs = z.output<typeof deploymentImportArgs>;

export const deploymentMethods = {
  /** Reads a serve-model log folder into the database: traffic, windows, canary timeline, comparisons, registry rollbacks. */
  'deployments.import': method<DeploymentImportDto>()(deploymentImportArgs),
  'deployments.list': method<DeploymentSummaryDto[]>()(z.object({}).strict()),
  /** One deployment by id, id prefix or name. */
  'deployments.get': method<DeploymentDetailDto>()(z.object({ id: refSchema }).strict()),
};
