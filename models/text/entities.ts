/**
 * People, organisations and places named in texts, found by compromise (rule- and lexicon-based, MIT,
 * its English model ships inside the package: nothing is downloaded). Chosen over wink-nlp because
 * wink's light English model tags no person, organisation or place entities (only dates, numbers,
 * URLs and the like). Precision is that of a rule tagger: capitalised names and well-known places and
 * companies are found, rare lower-cased brand names are not.
 */
import nlp from 'compromise';

export type EntityKind = 'person' | 'organization' | 'place';

export interface Entity {
  kind: EntityKind;
  /** As written, without surrounding punctuation. */
  text: string;
  /** Lower-cased, possessive 's dropped: mentions with the same key are one entity. */
  key: string;
  start: number;
  end: number;
}

export interface EntityRow {
  kind: EntityKind;
  /** The most frequent spelling. */
  name: string;
  key: string;
  mentions: number;
  documents: number;
  /** Mean score of the texts that mention it (null without scores). */
  meanSentiment: number | null;
  /** The first texts (indices) that mention it. */
  examples: number[];
}

interface CompromiseMatch { text: string; offset?: { start: number; length: number } }

const EDGE_PUNCT = /^[\s"'“”‘’(\[]+|[\s"'“”‘’.,;:!?)\]]+$/gu;

function clean(kind: EntityKind, m: CompromiseMatch, source: string): Entity | null {
  const text = m.text.replace(EDGE_PUNCT, '');
  if (!text) return null;
  const at = m.offset ? source.indexOf(text, m.offset.start) : source.indexOf(text);
  const start = at >= 0 ? at : (m.offset?.start ?? 0);
  const key = text.toLowerCase().replace(/['’]s$/u, '').replace(/\s+/gu, ' ');
  return { kind, text, key, start, end: start + text.length };
}

/** Entities of one text, in order of appearance. */
export function extractEntities(text: string): Entity[] {
  const doc = nlp(text);
  const found: Entity[] = [];
  const add = (kind: EntityKind, view: { json: (o: object) => unknown }) => {
    for (const m of view.json({ offset: true }) as CompromiseMatch[]) {
      const e = clean(kind, m, text);
      if (e) found.push(e);
    }
  };
  add('person', doc.people());
  add('organization', doc.organizations());
  add('place', doc.places());
  return found.sort((a, b) => a.start - b.start);
}

/** Every entity over the texts with counts and, given per-text scores, the mean score of the texts naming it. */
export function entityTable(texts: string[], scores?: ArrayLike<number>, opts: { minDocuments?: number; examples?: number } = {}): EntityRow[] {
  const { minDocuments = 1, examples = 5 } = opts;
  const rows = new Map<string, EntityRow & { spellings: Map<string, number>; sum: number }>();
  texts.forEach((text, i) => {
    const seen = new Set<string>();
    for (const e of extractEntities(text)) {
      const id = `${e.kind}\u0000${e.key}`;
      let row = rows.get(id);
      if (!row) {
        row = { kind: e.kind, name: e.text, key: e.key, mentions: 0, documents: 0, meanSentiment: null, examples: [], spellings: new Map(), sum: 0 };
        rows.set(id, row);
      }
      row.mentions++;
      row.spellings.set(e.text, (row.spellings.get(e.text) ?? 0) + 1);
      if (seen.has(id)) continue;
      seen.add(id);
      row.documents++;
      if (scores) row.sum += scores[i];
      if (row.examples.length < examples) row.examples.push(i);
    }
  });
  return [...rows.values()]
    .filter((r) => r.documents >= minDocuments)
    .map(({ spellings, sum, ...r }) => ({
      ...r,
      name: [...spellings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0],
      meanSentiment: scores ? sum / r.documents : null,
    }))
    .sort((a, b) => b.documents - a.documents || b.mentions - a.mentions || (a.key < b.key ? -1 : 1));
}
