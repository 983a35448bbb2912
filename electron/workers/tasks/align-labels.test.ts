import { describe, expect, it } from 'vitest';
import { alignTestLabels } from './align-labels';
import { makeFrame, stringColumn } from '../../../models/frame/frame';

const frame = (labels: (string | null)[]) => makeFrame([stringColumn('y', labels)]);

describe('alignTestLabels', () => {
  it('maps labels that differ by a trailing period or spaces, and says so', () => {
    const { frame: out, notes } = alignTestLabels(frame(['<=50K', '>50K']), frame(['<=50K.', ' >50K.', null, '<=50K']), 'y');
    expect(out.columns[0].values).toEqual(['<=50K', '>50K', null, '<=50K']);
    expect(notes[0]).toContain("'<=50K.' → '<=50K'");
  });

  it('leaves matching labels alone', () => {
    const test = frame(['a', 'b']);
    expect(alignTestLabels(frame(['a', 'b']), test, 'y')).toEqual({ frame: test, notes: [] });
  });

  it('refuses labels the training data never has', () => {
    expect(() => alignTestLabels(frame(['cat', 'dog']), frame(['cat', 'bird']), 'y')).toThrow(/never has: 'bird'/);
  });
});
