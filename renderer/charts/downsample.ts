/** A point of a line series: x (step) and y (value). */
export type XY = [number, number];

/**
 * Largest-Triangle-Three-Buckets: keeps the first and last points and, from each bucket in
 * between, the point that makes the largest triangle with its neighbours, so peaks and the
 * overall shape survive while the count drops to `threshold`. Points must be sorted by x.
 */
export function lttb(data: XY[], threshold: number): XY[] {
  const n = data.length;
  if (threshold >= n || threshold < 3) return data;
  const out: XY[] = [data[0]];
  const every = (n - 2) / (threshold - 2);
  let a = 0;
  for (let i = 0; i < threshold - 2; i++) {
    // The average of the next bucket is the third corner of the triangle.
    const nextStart = Math.floor((i + 1) * every) + 1;
    const nextEnd = Math.min(n, Math.floor((i + 2) * every) + 1);
    let avgX = 0;
    let avgY = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      avgX += data[j][0];
      avgY += data[j][1];
    }
    const span = Math.max(1, nextEnd - nextStart);
    avgX /= span;
    avgY /= span;

    const start = Math.floor(i * every) + 1;
    const end = Math.floor((i + 1) * every) + 1;
    const [ax, ay] = data[a];
    let best = -1;
    let bestIndex = start;
    for (let j = start; j < end; j++) {
      const area = Math.abs((ax - avgX) * (data[j][1] - ay) - (ax - data[j][0]) * (avgY - ay));
      if (area > best) {
        best = area;
        bestIndex = j;
      }
    }
    out.push(data[bestIndex]);
    a = bestIndex;
  }
  out.push(data[n - 1]);
  return out;
}
