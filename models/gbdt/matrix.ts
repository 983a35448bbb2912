/** Row-major float32 matrix helpers. */
export interface Matrix {
  data: Float32Array;
  rows: number;
  cols: number;
}

export function takeMatrixRows(data: Float32Array, cols: number, rows: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rows.length * cols);
  for (let i = 0; i < rows.length; i++) out.set(data.subarray(rows[i] * cols, rows[i] * cols + cols), i * cols);
  return out;
}

export function takeValues(values: Float64Array, rows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]];
  return out;
}
