/** Maps the pipeline's encoded features back to the input columns they come from. */
import type { Pipeline } from '../pipeline/pipeline';

/**
 * For each encoded feature, the index in `columns` of its source column. Widths mirror the
 * Pipeline constructor; the total is checked so a change there fails loudly here.
 */
export function featureSourceColumns(pipeline: Pipeline, columns: string[]): Int32Array {
  const index = new Map(columns.map((c, i) => [c, i] as const));
  const out: number[] = [];
  const { treeMode, categorical } = pipeline.options;
  for (const s of pipeline.steps) {
    const c = index.get(s.column);
    if (c === undefined) throw new Error(`pipeline column ${s.column} is not a model feature`);
    let width: number;
    switch (s.kind) {
      case 'numeric':
        width = 1 + (s.indicator ? 1 : 0);
        break;
      case 'date':
        width = s.parts.length + (s.indicator ? 1 : 0);
        break;
      case 'categorical': {
        // One-hot includes the shared other slot when the step has one.
        const levels = s.categories.length + (s.hasOther ? 1 : 0);
        width = (treeMode || categorical === 'ordinal' ? 1 : levels) + (s.indicator ? 1 : 0);
        break;
      }
      case 'text':
        width = s.tfidf.vocabulary.length;
        break;
    }
    for (let i = 0; i < width; i++) out.push(c);
  }
  if (out.length !== pipeline.featureCount) {
    throw new Error(`explain: pipeline has ${pipeline.featureCount} features but its steps account for ${out.length}`);
  }
  return Int32Array.from(out);
}
