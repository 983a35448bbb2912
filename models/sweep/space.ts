import type { Dim } from '../../shared/families/space';

export { parseDim, type Dim, type Point } from '../../shared/families/space';

/** Maps a unit-interval coordinate to the dimension's value. */
export function fromUnit(d: Dim, u: number): number | string {
  if (d.kind === 'choice') return d.choices[Math.min(d.choices.length - 1, Math.floor(u * d.choices.length))];
  const x = d.log ? Math.exp(Math.log(d.lo) + u * (Math.log(d.hi) - Math.log(d.lo))) : d.lo + u * (d.hi - d.lo);
  return d.kind === 'int' ? Math.round(x) : x;
}

/** The value's unit-interval coordinate (inverse of fromUnit, for numeric dimensions). */
export function toUnit(d: Dim, v: number | string): number {
  if (d.kind === 'choice') return (d.choices.indexOf(v) + 0.5) / d.choices.length;
  const x = Number(v);
  return d.log ? (Math.log(x) - Math.log(d.lo)) / (Math.log(d.hi) - Math.log(d.lo)) : (x - d.lo) / (d.hi - d.lo);
}
