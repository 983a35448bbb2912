/**
 * GET /metrics: Prometheus text format 0.0.4, written by hand (counters, gauges and one histogram are all the server
 * keeps), so the standalone server.mjs carries no client library.
 */
import { LATENCY_BUCKETS_S, METRIC_NAMES } from '../../shared/serving/index';

type Labels = Record<string, string>;
const key = (l: Labels) => JSON.stringify(Object.entries(l).sort());
const fmt = (l: Labels) => {
  const parts = Object.entries(l).map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
};

class Series {
  readonly values = new Map<string, { labels: Labels; value: number }>();
  add(labels: Labels, by = 1): void {
    const k = key(labels);
    const cur = this.values.get(k);
    if (cur) cur.value += by;
    else this.values.set(k, { labels, value: by });
  }
  set(labels: Labels, value: number): void {
    this.values.set(key(labels), { labels, value });
  }
}

class Histogram {
  readonly values = new Map<string, { labels: Labels; buckets: number[]; sum: number; count: number }>();
  observe(labels: Labels, seconds: number): void {
    const k = key(labels);
    let h = this.values.get(k);
    if (!h) this.values.set(k, (h = { labels, buckets: LATENCY_BUCKETS_S.map(() => 0), sum: 0, count: 0 }));
    for (const [i, le] of LATENCY_BUCKETS_S.entries()) if (seconds <= le) h.buckets[i]++;
    h.sum += seconds;
    h.count++;
  }
}

export class ServingMetrics {
  readonly requests = new Series();
  readonly errors = new Series();
  readonly http = new Series();
  readonly feedback = new Series();
  readonly weight = new Series();
  readonly decisions = new Series();
  readonly step = new Series();
  readonly latency = new Histogram();

  render(): string {
    const lines: string[] = [];
    const block = (name: string, type: string, help: string, s: Series) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const { labels, value } of s.values.values()) lines.push(`${name}${fmt(labels)} ${value}`);
    };
    block(METRIC_NAMES.requests, 'counter', 'Rows scored, by version, role and HTTP status.', this.requests);
    block(METRIC_NAMES.errors, 'counter', 'Rows a version failed to score.', this.errors);
    block(METRIC_NAMES.http, 'counter', 'HTTP requests by status.', this.http);
    block(METRIC_NAMES.feedback, 'counter', 'Feedback outcomes received.', this.feedback);
    block(METRIC_NAMES.weight, 'gauge', 'Percent of traffic each version answers.', this.weight);
    block(METRIC_NAMES.decisions, 'counter', 'Canary decisions by action.', this.decisions);
    block(METRIC_NAMES.step, 'gauge', 'Current canary step.', this.step);
    const name = METRIC_NAMES.latency;
    lines.push(`# HELP ${name} Seconds a version took to score one request's rows.`, `# TYPE ${name} histogram`);
    for (const h of this.latency.values.values()) {
      for (const [i, le] of LATENCY_BUCKETS_S.entries()) lines.push(`${name}_bucket${fmt({ ...h.labels, le: String(le) })} ${h.buckets[i]}`);
      lines.push(`${name}_bucket${fmt({ ...h.labels, le: '+Inf' })} ${h.count}`, `${name}_sum${fmt(h.labels)} ${h.sum}`, `${name}_count${fmt(h.labels)} ${h.count}`);
    }
    return lines.join('\n') + '\n';
  }
}
