import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface SentimentFile { name: string; texts: string[]; labels: string[] }

export const DATA_DIR = path.resolve(import.meta.dirname, '../../../shared/datasets/sentiment');
export const FILES = { yelp: 'yelp_labelled.txt', amazon: 'amazon_cells_labelled.txt' } as const;

/** "sentence<TAB>label" lines, no header, quotes are plain characters. */
export function loadSentiment(name: keyof typeof FILES): SentimentFile {
  const texts: string[] = [], labels: string[] = [];
  for (const line of readFileSync(path.join(DATA_DIR, FILES[name]), 'utf8').split(/\r?\n/)) {
    const tab = line.lastIndexOf('\t');
    if (tab < 0) continue;
    texts.push(line.slice(0, tab).trim());
    labels.push(line.slice(tab + 1).trim());
  }
  return { name, texts, labels };
}
