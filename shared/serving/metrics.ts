/** Prometheus metric names of GET /metrics (text format 0.0.4). Labels: version, role (stable|candidate|shadow), code. */
export const METRIC_NAMES = {
  /** counter {version, role, code}: rows scored, by HTTP status of the request they came in. */
  requests: 'lathe_serving_requests_total',
  /** counter {version, role}: rows a version failed to score. */
  errors: 'lathe_serving_errors_total',
  /** histogram {version, role}: seconds a version took to score one request's rows. */
  latency: 'lathe_serving_latency_seconds',
  /** counter {code}: HTTP requests by route outcome, before any model runs (400, 401, 413, …). */
  http: 'lathe_serving_http_requests_total',
  /** counter {matched}: feedback outcomes received. */
  feedback: 'lathe_serving_feedback_total',
  /** gauge {version}: percent of traffic each version answers now. */
  weight: 'lathe_serving_traffic_weight',
  /** counter {action}: canary decisions taken. */
  decisions: 'lathe_serving_decisions_total',
  /** gauge: the canary's current step (0-based). */
  step: 'lathe_serving_canary_step',
} as const;

/** Latency histogram bucket upper bounds, seconds. */
export const LATENCY_BUCKETS_S = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] as const;
