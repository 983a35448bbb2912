/** `lathe sentiment` and `lathe entities`: the lexicon and the entity tagger from the command line, as the API runs them. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFixture, importFile } from '../../tests/helpers/core-fixture';
import { latheIn } from '../../tests/helpers/lathe-cli';

let fx: ReturnType<typeof coreFixture>;

const lathe = latheIn(() => fx.home);

beforeAll(async () => {
  fx = coreFixture();
  const rows = ['shop,stars,review'];
  for (let i = 0; i < 20; i++) rows.push(`north,5,"Lovely staff at Starbucks in Seattle, great coffee"`, `south,1,"Rude staff and awful coffee at Starbucks"`);
  const file = path.join(fx.home, 'shops.csv');
  fs.writeFileSync(file, rows.join('\n'));
  await importFile(fx.core, { path: file, name: 'shops', types: { review: 'text' } });
  // The CLI opens the same folder; let it have the database to itself.
  await fx.core.close();
}, 60_000);
afterAll(() => fx.close().catch(() => undefined));

describe('lathe sentiment', () => {
  it('--json: the outcome with the new dataset, and per-group means with intervals for --by', () => {
    const r = lathe('sentiment', '--dataset', 'shops', '--text', 'review', '--by', 'shop', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).sort()).toEqual(['dataset', 'durationMs', 'groups', 'labelColumn', 'labels', 'meanScore', 'missing', 'scoreColumn', 'scored', 'source', 'text']);
    expect(out).toMatchObject({ text: 'review', scored: 40, missing: 0, scoreColumn: 'sentiment_score', labelColumn: 'sentiment_label', labels: { positive: 20, negative: 20, neutral: 0 } });
    expect(out.dataset).toMatchObject({ name: 'shops · sentiment', rows: 40 });
    expect(out.groups.column).toBe('shop');
    const north = out.groups.groups.find((g: { key: string }) => g.key === 'north');
    const south = out.groups.groups.find((g: { key: string }) => g.key === 'south');
    expect(north).toMatchObject({ n: 20 });
    expect(north.mean).toBeGreaterThan(0.5);
    expect(south.mean).toBeLessThan(-0.5);
    expect(Object.keys(north).sort()).toEqual(['hi', 'key', 'lo', 'mean', 'n', 'negative', 'positive']);
  }, 60_000);

  it('prints a readable summary, a second dataset beside the first', () => {
    const r = lathe('sentiment', '--dataset', 'shops', '--text', 'review', '--by', 'shop');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Scored 40 texts of 'review' in 'shops' with the lexicon");
    expect(r.stdout).toContain("New dataset 'shops · sentiment (2)'");
    expect(r.stdout).toMatch(/By shop \(mean score, 95 % interval, texts\):\n {2}north +0\.\d{3} {2}\[ 0\.\d{3},  0\.\d{3}\] +20/);
  }, 60_000);

  it('fails with exit code 1 and one line naming the column', () => {
    const r = lathe('sentiment', '--dataset', 'shops', '--text', 'stars', '--by', 'shop');
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe("lathe: 'stars' is not a text column (it is integer)");
    const json = lathe('entities', '--dataset', 'shops', '--text', 'comment', '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'bad_request', message: "Dataset 'shops' has no column 'comment'" } });
  }, 60_000);
});

describe('lathe entities', () => {
  it('--json: every entity with kind, counts, mean sentiment and examples', () => {
    const r = lathe('entities', '--dataset', 'shops', '--text', 'review', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).sort()).toEqual(['dataset', 'durationMs', 'entities', 'source', 'text', 'texts', 'total']);
    expect(out.dataset).toMatchObject({ name: 'shops · entities', rows: out.total });
    const starbucks = out.entities.find((e: { entity: string }) => e.entity === 'Starbucks');
    expect(starbucks).toMatchObject({ kind: 'organization', documents: 40, mentions: 40 });
    expect(Math.abs(starbucks.meanSentiment)).toBeLessThan(0.2);
    expect(starbucks.examples).toHaveLength(3);
    const seattle = out.entities.find((e: { entity: string }) => e.entity === 'Seattle');
    expect(seattle).toMatchObject({ kind: 'place', documents: 20 });
    expect(seattle.meanSentiment).toBeGreaterThan(0.5);
  }, 60_000);
});
