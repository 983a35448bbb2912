/**
 * Calendar parts of epoch-millisecond dates as ONNX arithmetic (double),
 * mirroring `models/pipeline/dateParts.ts` (UTC, proleptic Gregorian).
 *
 * Civil dates come from the day number with H. Hinnant's `civil_from_days`
 * algorithm, written with Floor/Div/Mul/Sub only; every intermediate is an
 * integer-valued double far below 2^53, so the results are exact.
 * Like a JS Date, the time value is truncated to whole milliseconds and
 * values outside +-8.64e15 ms (or non-finite) give NaN.
 */
import type { DatePart } from '../../pipeline/dateParts';
import type { GraphBuilder } from './proto';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MAX_TIME = 8.64e15;

class DoubleOps {
  constructor(private readonly g: GraphBuilder) {}
  c(v: number): string { return this.g.scalar('double', v, 'k'); }
  add(a: string, b: string): string { return this.g.op('Add', [a, b]); }
  sub(a: string, b: string): string { return this.g.op('Sub', [a, b]); }
  mul(a: string, b: string): string { return this.g.op('Mul', [a, b]); }
  div(a: string, b: string): string { return this.g.op('Div', [a, b]); }
  floor(a: string): string { return this.g.op('Floor', [a]); }
  /** floor(a / k) for a constant k. */
  fdiv(a: string, k: number): string { return this.floor(this.div(a, this.c(k))); }
  addK(a: string, k: number): string { return this.add(a, this.c(k)); }
  mulK(a: string, k: number): string { return this.mul(a, this.c(k)); }
}

/** Days since 1970-01-01 of January 1st of `year` (integer-valued doubles). */
function daysFromCivilJan1(o: DoubleOps, year: string): string {
  // January counts in the previous March-based year.
  const y = o.addK(year, -1);
  const era = o.fdiv(y, 400);
  const yoe = o.sub(y, o.mulK(era, 400));
  // doy of January 1st in a March-based year is 306.
  const doe = o.addK(o.sub(o.add(o.mulK(yoe, 365), o.fdiv(yoe, 4)), o.fdiv(yoe, 100)), 306);
  return o.addK(o.add(o.mulK(era, 146_097), doe), -719_468);
}

/**
 * Adds nodes computing each requested part from a [N, 1] double tensor of
 * epoch milliseconds; returns one [N, 1] double tensor per part (NaN where
 * the input is missing or not a valid time).
 */
export function datePartsGraph(g: GraphBuilder, msInput: string, parts: DatePart[]): string[] {
  const o = new DoubleOps(g);
  // Valid time values only (NaN compares false, so it maps to NaN too).
  const valid = g.op('LessOrEqual', [g.op('Abs', [msInput]), o.c(MAX_TIME)]);
  const nan = o.c(NaN);
  const ms = g.op('Where', [valid, msInput, nan]);
  // Truncation toward zero, as the Date constructor does.
  const neg = g.op('Less', [ms, o.c(0)]);
  const t = g.op('Where', [neg, g.op('Ceil', [ms]), o.floor(ms)]);
  const days = o.fdiv(t, DAY_MS);

  let civil: { year: string; month: string; day: string } | null = null;
  const getCivil = () => {
    if (civil) return civil;
    const z = o.addK(days, 719_468);
    const era = o.fdiv(z, 146_097);
    const doe = o.sub(z, o.mulK(era, 146_097));
    // yoe = floor((doe - doe/1460 + doe/36524 - doe/146096) / 365)
    const yoeNum = o.sub(o.add(o.sub(doe, o.fdiv(doe, 1460)), o.fdiv(doe, 36_524)), o.fdiv(doe, 146_096));
    const yoe = o.fdiv(yoeNum, 365);
    const doy = o.sub(doe, o.sub(o.add(o.mulK(yoe, 365), o.fdiv(yoe, 4)), o.fdiv(yoe, 100)));
    const mp = o.fdiv(o.addK(o.mulK(doy, 5), 2), 153);
    const day = o.addK(o.sub(doy, o.fdiv(o.addK(o.mulK(mp, 153), 2), 5)), 1);
    const janFeb = o.fdiv(mp, 10); // 1 for January/February, else 0
    const month = o.sub(o.addK(mp, 3), o.mulK(janFeb, 12));
    const year = o.add(o.add(yoe, o.mulK(era, 400)), janFeb);
    civil = { year, month, day };
    return civil;
  };

  return parts.map((part) => {
    switch (part) {
      case 'year': return getCivil().year;
      case 'month': return getCivil().month;
      case 'day': return getCivil().day;
      case 'dayOfWeek': {
        // 1970-01-01 was a Thursday (4).
        const d4 = o.addK(days, 4);
        return o.sub(d4, o.mulK(o.fdiv(d4, 7), 7));
      }
      case 'dayOfYear': {
        // floor((ms - Date.UTC(year, 0, 1)) / DAY) + 1, on the untruncated value as in dateParts.ts.
        // Date.UTC reads years 0..99 as 1900..1999 and returns NaN outside the time range;
        // both are reproduced so the feature matches the pipeline everywhere.
        const year = getCivil().year;
        const twoDigit = g.op('And', [g.op('GreaterOrEqual', [year, o.c(0)]), g.op('LessOrEqual', [year, o.c(99)])]);
        const utcYear = g.op('Where', [twoDigit, o.addK(year, 1900), year]);
        const jan1 = o.mulK(daysFromCivilJan1(o, utcYear), DAY_MS);
        const jan1Valid = g.op('LessOrEqual', [g.op('Abs', [jan1]), o.c(MAX_TIME)]);
        return g.op('Where', [jan1Valid, o.addK(o.fdiv(o.sub(ms, jan1), DAY_MS), 1), nan]);
      }
      case 'hour': {
        const msOfDay = o.sub(t, o.mulK(days, DAY_MS));
        return o.fdiv(msOfDay, HOUR_MS);
      }
      default:
        throw new Error(`date part "${String(part)}" cannot be exported to ONNX`);
    }
  });
}
