/**
 * Column-oriented table used by every model family.
 * Numeric, boolean and date columns are Float64Array with NaN as missing
 * (dates are epoch milliseconds, booleans 0/1); categorical and text columns
 * are string arrays with null as missing.
 */
export type ColumnType = 'integer' | 'float' | 'boolean' | 'date' | 'categorical' | 'text';

export interface Column {
  name: string;
  type: ColumnType;
  values: Float64Array | (string | null)[];
}

export interface Frame {
  columns: Column[];
  rowCount: number;
}

export function isNumericType(type: ColumnType): boolean {
  return type === 'integer' || type === 'float' || type === 'boolean' || type === 'date';
}

export function numericValues(column: Column): Float64Array {
  if (!(column.values instanceof Float64Array)) {
    throw new Error(`column ${column.name} is not numeric`);
  }
  return column.values;
}

export function stringValues(column: Column): (string | null)[] {
  if (column.values instanceof Float64Array) {
    throw new Error(`column ${column.name} is not a string column`);
  }
  return column.values;
}

export function getColumn(frame: Frame, name: string): Column {
  const col = frame.columns.find((c) => c.name === name);
  if (!col) throw new Error(`unknown column: ${name}`);
  return col;
}

/** Builds a frame, checking that every column has rowCount values. */
export function makeFrame(columns: Column[]): Frame {
  const rowCount = columns.length ? columns[0].values.length : 0;
  for (const c of columns) {
    if (c.values.length !== rowCount) {
      throw new Error(`column ${c.name} has ${c.values.length} rows, expected ${rowCount}`);
    }
    if (isNumericType(c.type) !== c.values instanceof Float64Array) {
      throw new Error(`column ${c.name}: storage does not match type ${c.type}`);
    }
  }
  return { columns, rowCount };
}

export function numericColumn(name: string, values: ArrayLike<number>, type: ColumnType = 'float'): Column {
  return { name, type, values: Float64Array.from(values) };
}

export function stringColumn(name: string, values: (string | null)[], type: ColumnType = 'categorical'): Column {
  return { name, type, values: values.slice() };
}

export function takeColumn(column: Column, rows: ArrayLike<number>): Column {
  const n = rows.length;
  if (column.values instanceof Float64Array) {
    const src = column.values;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = src[rows[i]];
    return { name: column.name, type: column.type, values: out };
  }
  const src = column.values;
  const out = new Array<string | null>(n);
  for (let i = 0; i < n; i++) out[i] = src[rows[i]];
  return { name: column.name, type: column.type, values: out };
}

/** New frame holding the given rows (in the given order). */
export function takeRows(frame: Frame, rows: ArrayLike<number>): Frame {
  for (let i = 0; i < rows.length; i++) {
    if (rows[i] >= frame.rowCount || rows[i] < 0) throw new Error(`row index ${rows[i]} out of range`);
  }
  return { columns: frame.columns.map((c) => takeColumn(c, rows)), rowCount: rows.length };
}

export function selectColumns(frame: Frame, names: string[]): Frame {
  return { columns: names.map((n) => getColumn(frame, n)), rowCount: frame.rowCount };
}

export function dropColumns(frame: Frame, names: string[]): Frame {
  const drop = new Set(names);
  return { columns: frame.columns.filter((c) => !drop.has(c.name)), rowCount: frame.rowCount };
}

export function isMissing(column: Column, row: number): boolean {
  const v = column.values[row];
  return v === null || (typeof v === 'number' && Number.isNaN(v));
}
