import { describe, expect, it } from 'vitest';
import { parsePolicy } from './policy-file';

describe('policy files', () => {
  it('fills the defaults and allows comments and trailing commas', () => {
    const p = parsePolicy(`{
      // a canary in two steps
      kind: "canary", candidate: "1.1.0",
      steps: [{ weight: 10, minDecisions: 500 }, { weight: 50, minDurationS: 600 },],
    }`);
    expect(p.kind === 'canary' && p.analysis).toMatchObject({ minSuccessRate: 0.99, maxP99Ms: 500, minRequests: 100 });
    expect(p.kind === 'canary' && p.steps[1]).toEqual({ weight: 50, minDecisions: 0, minDurationS: 600 });
    expect(p.kind === 'canary' && p.onSuccess).toBe('promote');
  });

  it('names the line and column of a syntax error, and the field of a wrong value', () => {
    expect(() => parsePolicy('{"kind": "ab",\n  "weight": }', 'p.json')).toThrow(/^p\.json:2:13: not valid JSON/);
    expect(() => parsePolicy('{"kind": "ab", "candidate": "2", "weight": 30, "stickyBy": {"cookie": "x"}}', 'p.json')).toThrow(/^p\.json: stickyBy/);
    expect(() => parsePolicy('{"kind": "blue-green"}', 'p.json')).toThrow(/^p\.json: kind/);
    expect(() => parsePolicy('{"kind": "shadow", "candidate": "2", "sample": 2}', 'p.json')).toThrow(/^p\.json: sample/);
  });
});
