/**
 * The entity table of many texts, built chunk by chunk (entityTable over each chunk, then merged),
 * so a long column reports progress and stops on cancel between chunks. Counts and means are exact;
 * an entity's displayed spelling is its most frequent one within the chunk that named it most.
 */
import { entityTable, type EntityRow } from '../../../models/text';

export interface MergedEntity {
  kind: EntityRow['kind'];
  name: string;
  key: string;
  mentions: number;
  documents: number;
  meanSentiment: number;
  /** Indices into all texts. */
  examples: number[];
}

export class EntityMerger {
  private readonly rows = new Map<string, MergedEntity & { sum: number; nameMentions: number }>();

  constructor(private readonly examplesKept = 3) {}

  /** Adds one chunk: texts[i] is text number offset + i of the whole column. */
  add(texts: string[], scores: ArrayLike<number>, offset: number): void {
    for (const e of entityTable(texts, scores, { examples: this.examplesKept })) {
      const id = `${e.kind}\u0000${e.key}`;
      const sum = (e.meanSentiment ?? 0) * e.documents;
      const found = this.rows.get(id);
      const examples = e.examples.map((i) => i + offset);
      if (!found) {
        this.rows.set(id, { kind: e.kind, name: e.name, key: e.key, mentions: e.mentions, documents: e.documents, meanSentiment: 0, examples, sum, nameMentions: e.mentions });
        continue;
      }
      found.mentions += e.mentions;
      found.documents += e.documents;
      found.sum += sum;
      if (e.mentions > found.nameMentions) {
        found.name = e.name;
        found.nameMentions = e.mentions;
      }
      found.examples.push(...examples.slice(0, this.examplesKept - found.examples.length));
    }
  }

  /** Entities named in at least minDocuments texts: most documents first, then most mentions. */
  table(minDocuments = 1): MergedEntity[] {
    return [...this.rows.values()]
      .filter((r) => r.documents >= minDocuments)
      .map(({ sum, nameMentions: _n, ...r }) => ({ ...r, meanSentiment: sum / r.documents }))
      .sort((a, b) => b.documents - a.documents || b.mentions - a.mentions || (a.key < b.key ? -1 : 1));
  }
}
