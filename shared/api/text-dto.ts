/** Plain JSON shapes of the text features that need no training: lexicon sentiment, entities, aggregates. */

export type SentimentLabelDto = 'positive' | 'negative' | 'neutral';
export type EntityKindDto = 'person' | 'organization' | 'place';
export type TimeBucketDto = 'day' | 'week' | 'month';

/** What a derived dataset was made from (kept in the dataset's options, so the Text page finds it again). */
export interface DerivedFromDto {
  kind: 'sentiment' | 'entities';
  datasetId: string;
  datasetName: string;
  /** The text column it was made from. */
  column: string;
}

/** A dataset a text job wrote. */
export interface DerivedDatasetDto {
  id: string;
  name: string;
  rows: number;
  createdAt: string;
}

/** What `text.sentiment` reports: the new dataset (the original columns + sentiment_score, sentiment_label). */
export interface SentimentOutcomeDto {
  dataset: DerivedDatasetDto;
  source: { id: string; name: string };
  text: string;
  /** The names the two new columns got (sentiment_score, sentiment_label unless those were taken). */
  scoreColumn: string;
  labelColumn: string;
  /** Rows with a text (the others get empty scores). */
  scored: number;
  missing: number;
  labels: Record<SentimentLabelDto, number>;
  meanScore: number;
  durationMs: number;
}

export interface EntityRowDto {
  entity: string;
  kind: EntityKindDto;
  mentions: number;
  /** Texts that name it at least once. */
  documents: number;
  /** Mean lexicon score of those texts. */
  meanSentiment: number;
  /** The first texts that name it (at most three, shortened). */
  examples: string[];
}

/** What `text.entities` reports; `entities` holds the most mentioned (the dataset holds them all). */
export interface EntitiesOutcomeDto {
  dataset: DerivedDatasetDto;
  source: { id: string; name: string };
  text: string;
  texts: number;
  /** Entities found in all (the dataset's rows). */
  total: number;
  entities: EntityRowDto[];
  durationMs: number;
}

export interface ExampleTextDto {
  /** 1-based row of the dataset. */
  row: number;
  text: string;
  score: number;
}

/** Mean score of a time bucket or a group with its 95 % percentile-bootstrap interval. */
export interface SentimentIntervalDto {
  key: string;
  n: number;
  mean: number;
  lo: number;
  hi: number;
  /** The group's highest- and lowest-scoring text. */
  positive: ExampleTextDto | null;
  negative: ExampleTextDto | null;
}

export interface TermDto {
  term: string;
  documents: number;
  /** Mean score of the texts that use it. */
  mean: number;
  example: ExampleTextDto | null;
}

export interface TextAggregatesDto {
  dataset: { id: string; name: string };
  text: string;
  rows: number;
  scored: number;
  overall: { n: number; mean: number; lo: number; hi: number };
  labels: Record<SentimentLabelDto, number>;
  /** With a date column: the mean per bucket, in time order; `skipped`: rows without a date. */
  time: { column: string; bucket: TimeBucketDto; points: SentimentIntervalDto[]; skipped: number } | null;
  /** With a group column: the largest groups (at most 30); `more`: groups left out. */
  groups: { column: string; groups: SentimentIntervalDto[]; more: number } | null;
  terms: { positive: TermDto[]; negative: TermDto[] };
  examples: { positive: ExampleTextDto[]; negative: ExampleTextDto[] };
}

/** The latest derived datasets of one text column, for the Text page to show again. */
export interface TextResultsDto {
  sentiment: DerivedDatasetDto | null;
  /** `rows`: the most mentioned entities (the dataset holds all of them, `dataset.rows`). */
  entities: { dataset: DerivedDatasetDto; rows: EntityRowDto[] } | null;
}
