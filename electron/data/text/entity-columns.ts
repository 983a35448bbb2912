/** The layout of an entities dataset, written by the entities worker and read back by the host. */
import type { ColumnType } from '../../../shared/api/datasets-dto';
import type { EntityKindDto, EntityRowDto } from '../../../shared/api/text-dto';
import type { Cell } from '../db/dataset-tables';

export const ENTITY_COLUMNS: readonly { name: string; type: ColumnType }[] = [
  { name: 'entity', type: 'text' },
  { name: 'kind', type: 'categorical' },
  { name: 'mentions', type: 'integer' },
  { name: 'documents', type: 'integer' },
  { name: 'mean_sentiment', type: 'float' },
  { name: 'example_1', type: 'text' },
  { name: 'example_2', type: 'text' },
  { name: 'example_3', type: 'text' },
];

/** Example texts are shortened to this many characters in results. */
export const EXAMPLE_CHARS = 300;

export function shorten(text: string, max = EXAMPLE_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

export function entityCells(r: EntityRowDto): Cell[] {
  return [r.entity, r.kind, r.mentions, r.documents, r.meanSentiment, r.examples[0] ?? null, r.examples[1] ?? null, r.examples[2] ?? null];
}

export function entityFromCells(c: Cell[]): EntityRowDto {
  return {
    entity: String(c[0] ?? ''),
    kind: String(c[1]) as EntityKindDto,
    mentions: Number(c[2]),
    documents: Number(c[3]),
    meanSentiment: Number(c[4]),
    examples: c.slice(5, 8).filter((v): v is string | number => v !== null).map((v) => shorten(String(v))),
  };
}
