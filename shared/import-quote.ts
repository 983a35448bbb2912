import type { ImportOptionsDto } from './api/datasets-dto';

/**
 * How a dataset's quoting reads to the user: "quotes: none (detected)", "quotes: '" and the like;
 * null for the usual double quote. Datasets imported before the quote was recorded have `quotes` only.
 */
export function describeQuote(o: Pick<ImportOptionsDto, 'format' | 'quotes' | 'quote' | 'quoteDetected'>): string | null {
  if (o.format !== 'csv') return null;
  const quote = o.quote === undefined ? (o.quotes ? '"' : null) : o.quote;
  if (quote === '"') return null;
  return `quotes: ${quote === null ? 'none' : quote}${o.quoteDetected ? ' (detected)' : ''}`;
}
