import { describe, expect, it } from 'vitest';
import { nelderMead } from './nelderMead';

describe('nelderMead', () => {
  it('finds the minimum of the Rosenbrock function', () => {
    const r = nelderMead((x) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2, [-1.2, 1], { relTol: 1e-14, maxEvals: 5000 });
    expect(r.x[0]).toBeCloseTo(1, 3);
    expect(r.x[1]).toBeCloseTo(1, 3);
  });

  it('minimises a badly scaled quadratic in 15 dimensions, stepping around infeasible points', () => {
    const f = (x: Float64Array) => {
      if (x[0] < -5) return Infinity;
      let s = 0;
      for (let i = 0; i < x.length; i++) s += (i + 1) * (x[i] - i / 10) ** 2;
      return s;
    };
    let x: Float64Array = new Float64Array(15);
    for (let k = 0; k < 3; k++) x = nelderMead(f, x, { relTol: 1e-14, maxEvals: 20000 }).x;
    for (let i = 0; i < 15; i++) expect(x[i]).toBeCloseTo(i / 10, 2);
  });
});
