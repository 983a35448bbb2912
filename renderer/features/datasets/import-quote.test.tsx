import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { DatasetDetailDto, ImportOptionsDto } from '../../../shared/api/datasets-dto';
import { ImportDialog } from './ImportDialog';
import { DatasetHeader } from './DatasetHeader';

describe('the quote character in the app', () => {
  it('the import dialog offers it, detected by default', () => {
    const html = renderToStaticMarkup(<ImportDialog source={{ kind: 'path', path: '/data/reviews.tsv', label: 'reviews.tsv', key: '1' }} />);
    expect(html).toContain('<span>Quote character</span>');
    const select = html.match(/<select[^>]*data-testid="import-quote"[^>]*>(.*?)<\/select>/)?.[1] ?? '';
    expect(select).toMatch(/<option value="auto" selected="">Detect automatically<\/option>/);
    for (const label of ['Double quote', 'Single quote', 'None (quotes are text)', 'Other character…']) expect(select).toContain(label);
    expect(html).not.toContain('data-testid="import-quote-other"');
  });

  it('the dataset says how it was read: quotes turned off by the sniffer, or none for the usual quote', () => {
    const detail = (o: Partial<ImportOptionsDto>): DatasetDetailDto => ({
      id: 'd', name: 'reviews', rows: 8, columns: 2, format: 'csv', sourceSha256: null, createdAt: '2024-01-01T00:00:00Z', sourcePath: null, columnsDetail: [], version: 1, versions: [],
      options: { format: 'csv', delimiter: '\t', header: true, encoding: 'utf-8', trimmedLeadingSpace: false, quotes: true, skippedRows: 0, skippedExamples: [], ...o },
    });
    expect(renderToStaticMarkup(<DatasetHeader detail={detail({ quotes: false, quote: null, quoteDetected: true })} />)).toContain('· quotes: none (detected)');
    expect(renderToStaticMarkup(<DatasetHeader detail={detail({ quote: '"', quoteDetected: true })} />)).not.toContain('quotes:');
  });
});
