import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
import { jsonCell } from './jsonl-source';

function parquetCell(v: unknown): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  return jsonCell(v);
}

/** Reads a Parquet file row group by row group (bounded memory), as text cells. */
export async function streamParquet(
  file: string,
  signal: AbortSignal,
  onHeader: (columns: string[], rows: number) => void,
  onRows: (rows: (string | null)[][], done: number) => void,
): Promise<void> {
  const buffer = await asyncBufferFromFile(file);
  const metadata = await parquetMetadataAsync(buffer);
  const columns = parquetSchema(metadata).children.map((c) => c.element.name);
  const total = Number(metadata.num_rows);
  onHeader(columns, total);
  let start = 0;
  for (const group of metadata.row_groups) {
    if (signal.aborted) throw new Error('cancelled');
    const n = Number(group.num_rows);
    await parquetRead({
      file: buffer,
      metadata,
      rowStart: start,
      rowEnd: start + n,
      onComplete: (rows: unknown[][]) => {
        start += n;
        onRows(
          rows.map((r) => r.map(parquetCell)),
          start,
        );
      },
    });
  }
}
