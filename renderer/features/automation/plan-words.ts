import type { PlanDto, PlanRunDto } from '../../../shared/automation/dto';
import type { PlanTriggers } from '../../../shared/automation/plan';
import { cronToWords } from './cron-words';

/** A plan's triggers in a line: "At 03:00, on Monday · ≥ 1,000 new rows · drift > 30 %". */
export function triggerWords(t: PlanTriggers): string {
  const parts: string[] = [];
  if (t.schedule) parts.push(cronToWords(t.schedule) ?? t.schedule);
  if (t.minNewRows !== null) parts.push(`≥ ${t.minNewRows.toLocaleString()} new rows`);
  if (t.driftThreshold !== null) parts.push(`drift in > ${Math.round(t.driftThreshold * 100)} % of inputs`);
  if (t.metricFloor !== null) parts.push(`live metric past ${t.metricFloor}`);
  if (t.metricFraction !== null) parts.push(`live metric < ${Math.round(t.metricFraction * 100)} % of its own`);
  if (t.outcomes && (t.metricFloor !== null || t.metricFraction !== null)) parts.push(`on outcomes ${t.outcomes.outcomes}`);
  return parts.length ? parts.join(' · ') : 'by hand only';
}

export const sourceWords = (p: PlanDto) => (p.source.kind === 'file' ? `file ${p.source.path}` : `dataset ${p.source.dataset}`);

/** The decision as the badge shows it; a run still going says so. */
export const decisionWord = (r: PlanRunDto | null) => (!r ? 'never run' : r.state === 'running' ? 'running' : (r.decision ?? 'running'));

/** Four significant digits, thousands grouped, and a true minus sign. */
const num = (v: number) => (Math.abs(v) >= 1000 ? Math.round(v).toLocaleString() : String(Number(v.toPrecision(4)))).replace(/^-/, '−');

/** "rmse 51,234 (champion) against 49,876 (challenger): B − A −1,358, 95 % [−2,100, −600] on 4,128 rows" — points for forecasts (and the groups resampled whole), users for recommenders. */
export function abWords(r: PlanRunDto): string | null {
  const ab = r.ab;
  if (!ab) return null;
  const d = ab.difference;
  return `${ab.metric} ${num(ab.valueA)} (champion) against ${num(ab.valueB)} (challenger): B − A ${num(d.estimate)}, ${Math.round(d.level * 100)} % [${num(d.lo)}, ${num(d.hi)}] on ${ab.rows.toLocaleString()} ${ab.unit ?? 'rows'}${d.clusters !== undefined ? ` in ${d.clusters.toLocaleString()} (series, time) groups` : ''}`;
}
