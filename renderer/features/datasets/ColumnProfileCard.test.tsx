import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ColumnProfileDto } from '../../../shared/api/datasets-dto';
import { ColumnProfileCard } from './ColumnProfileCard';

const column = (over: Partial<ColumnProfileDto>): ColumnProfileDto => ({
  name: 'account', type: 'text', count: 100, missing: 0, distinct: 100, distinctCapped: false, min: null, max: null, mean: null, std: null,
  quantiles: null, top: [{ value: 'a1', count: 1 }], histogram: null, meanLength: 22, ...over,
});

describe('ColumnProfileCard', () => {
  it('marks an id-like column beside its type, and only such a column', () => {
    const marked = renderToStaticMarkup(<ColumnProfileCard column={column({ idLike: true })} rows={100} />);
    expect(marked).toMatch(/data-testid="id-like"[^>]*>id-like</);
    expect(marked).toMatch(/title="Nearly every value is distinct/);
    expect(renderToStaticMarkup(<ColumnProfileCard column={column({ idLike: false })} rows={100} />)).not.toContain('id-like');
    // Profiles cached before the mark existed have no idLike at all.
    expect(renderToStaticMarkup(<ColumnProfileCard column={column({})} rows={100} />)).not.toContain('id-like');
  });

  it('shows the column’s warnings as badges that say what they mean for a model', () => {
    const html = renderToStaticMarkup(
      <ColumnProfileCard
        column={column({ name: 'value', type: 'float' })}
        rows={100}
        warnings={[{ kind: 'capped', column: 1, value: 500001, count: 965, ratio: 35.7 }, { kind: 'correlated', columns: [0, 1], r: 0.95 }]}
        names={['rooms', 'value']}
      />,
    );
    expect(html).toMatch(/data-testid="warning-capped"[^>]*>capped</);
    expect(html).toContain('value: its maximum 500,001 appears 965 times');
    expect(html).toContain('rooms and value are highly correlated (r = 0.95)');
    expect(html).not.toContain('data-testid="id-like"');
  });
});
