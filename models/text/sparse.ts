/** Compressed sparse rows: row r's entries are indices/data[indptr[r] .. indptr[r + 1]). */
export interface Csr {
  nRows: number;
  nCols: number;
  indptr: Uint32Array;
  indices: Uint32Array;
  data: Float64Array;
}

/** Builds a CSR matrix from per-row maps of column → value (columns sorted within each row). */
export function csrFromRows(rows: Map<number, number>[], nCols: number): Csr {
  let nnz = 0;
  for (const r of rows) nnz += r.size;
  const indptr = new Uint32Array(rows.length + 1);
  const indices = new Uint32Array(nnz);
  const data = new Float64Array(nnz);
  let k = 0;
  rows.forEach((row, r) => {
    const cols = [...row.keys()].sort((a, b) => a - b);
    for (const c of cols) {
      indices[k] = c;
      data[k++] = row.get(c)!;
    }
    indptr[r + 1] = k;
  });
  return { nRows: rows.length, nCols, indptr, indices, data };
}

/** Rows `rows` of `m`, in that order. */
export function selectRows(m: Csr, rows: ArrayLike<number>): Csr {
  let nnz = 0;
  for (let i = 0; i < rows.length; i++) nnz += m.indptr[rows[i] + 1] - m.indptr[rows[i]];
  const indptr = new Uint32Array(rows.length + 1);
  const indices = new Uint32Array(nnz);
  const data = new Float64Array(nnz);
  let k = 0;
  for (let i = 0; i < rows.length; i++) {
    const lo = m.indptr[rows[i]], hi = m.indptr[rows[i] + 1];
    indices.set(m.indices.subarray(lo, hi), k);
    data.set(m.data.subarray(lo, hi), k);
    k += hi - lo;
    indptr[i + 1] = k;
  }
  return { nRows: rows.length, nCols: m.nCols, indptr, indices, data };
}

/** [a | b]: columns of b placed after a's. */
export function hstack(a: Csr, b: Csr): Csr {
  if (a.nRows !== b.nRows) throw new Error('hstack: row counts differ');
  const nnz = a.data.length + b.data.length;
  const indptr = new Uint32Array(a.nRows + 1);
  const indices = new Uint32Array(nnz);
  const data = new Float64Array(nnz);
  let k = 0;
  for (let r = 0; r < a.nRows; r++) {
    for (let p = a.indptr[r]; p < a.indptr[r + 1]; p++) {
      indices[k] = a.indices[p];
      data[k++] = a.data[p];
    }
    for (let p = b.indptr[r]; p < b.indptr[r + 1]; p++) {
      indices[k] = a.nCols + b.indices[p];
      data[k++] = b.data[p];
    }
    indptr[r + 1] = k;
  }
  return { nRows: a.nRows, nCols: a.nCols + b.nCols, indptr, indices, data };
}

/** Dense columns (row-major values, `cols` per row) as a CSR block, zeros left out. */
export function denseColumns(values: ArrayLike<number>, nRows: number, cols: number): Csr {
  const rows: Map<number, number>[] = [];
  for (let r = 0; r < nRows; r++) {
    const row = new Map<number, number>();
    for (let c = 0; c < cols; c++) if (values[r * cols + c] !== 0) row.set(c, values[r * cols + c]);
    rows.push(row);
  }
  return csrFromRows(rows, cols);
}

/** Dense value of one cell (tests and small look-ups). */
export function csrGet(m: Csr, r: number, c: number): number {
  for (let p = m.indptr[r]; p < m.indptr[r + 1]; p++) if (m.indices[p] === c) return m.data[p];
  return 0;
}
