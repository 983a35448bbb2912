/** Which columns the Text page offers for each part, and which it picks first. */
import type { ColumnDto } from '../../../shared/api/datasets-dto';

export type Bucket = 'auto' | 'day' | 'week' | 'month';

export const textColumns = (cols: ColumnDto[]) => cols.filter((c) => c.type === 'text' || c.type === 'categorical');
export const timeColumns = (cols: ColumnDto[]) => cols.filter((c) => c.type === 'date' || c.type === 'datetime');
/** Groups: anything but long text, floats and dates (each value would be its own group). */
export const groupColumns = (cols: ColumnDto[]) => cols.filter((c) => c.type === 'categorical' || c.type === 'boolean' || c.type === 'integer');

/** The first free-text column (else the first categorical one), and the first date column. */
export function pickColumns(cols: ColumnDto[]): { text: string; time: string; by: string } {
  const text = cols.find((c) => c.type === 'text') ?? textColumns(cols)[0];
  return { text: text?.name ?? '', time: timeColumns(cols)[0]?.name ?? '', by: '' };
}
