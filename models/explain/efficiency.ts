/**
 * Makes base[k] + sum_c values = output exactly, for methods whose attributions only
 * approximately add up (Monte-Carlo estimates; rows a multiclass forest falls back to 1 / K on).
 * The residual of each (row, output) is spread over the columns in proportion to |phi|, so
 * columns with no attribution stay at zero; when every phi is zero it is spread evenly.
 */
export function closeEfficiencyGap(
  values: Float64Array, base: Float64Array, outputs: Float64Array, rows: number, K: number, C: number,
): void {
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < K; k++) {
      const o = (r * K + k) * C;
      let sum = 0, abs = 0;
      for (let c = 0; c < C; c++) {
        sum += values[o + c];
        abs += Math.abs(values[o + c]);
      }
      const residual = outputs[r * K + k] - base[k] - sum;
      if (residual === 0 || C === 0) continue;
      for (let c = 0; c < C; c++) values[o + c] += abs > 0 ? (residual * Math.abs(values[o + c])) / abs : residual / C;
    }
  }
}
