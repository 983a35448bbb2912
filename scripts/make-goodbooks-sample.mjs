#!/usr/bin/env node
/**
 * Re-makes the goodbooks sample (resources/samples/goodbooks/) from a goodbooks-10k folder
 * (ratings.csv, books.csv, book_tags.csv, tags.csv):
 *   - the BOOKS most-rated books; the users with at least MIN_PER_USER ratings of them;
 *   - whole users in a fixed pseudo-random order (a hash of the id) until MAX_RATINGS ratings;
 *   - books.csv: book_id, title, authors, year and `tags` — the book's TOP_TAGS most-used tags joined by '|',
 *     leaving out shelf names that say nothing about the book (to-read, owned, …).
 * Usage: node scripts/make-goodbooks-sample.mjs <goodbooks folder> [out folder]
 * goodbooks-10k by Zygmunt Zając, CC BY-SA 4.0: the sample is under the same license.
 */
import fs from 'node:fs';
import path from 'node:path';

const BOOKS = 300;
const MIN_PER_USER = 5;
const MAX_RATINGS = 80_000;
const TOP_TAGS = 5;
const SHELVES = new Set(['to-read', 'currently-reading', 'favorites', 'favourites', 'owned', 'books-i-own', 'own', 'owned-books', 'default', 'my-books',
  'library', 'wish-list', 'i-own', 'kindle', 'ebook', 'ebooks', 'audiobook', 'audiobooks', 'to-buy', 'my-library', 'read', 'books', 'all-time-favorites', 'favorite-books', 'did-not-finish']);

const [src, out = path.resolve(import.meta.dirname, '../resources/samples/goodbooks')] = process.argv.slice(2);
if (!src) {
  process.stderr.write('usage: node scripts/make-goodbooks-sample.mjs <goodbooks folder> [out folder]\n');
  process.exit(2);
}

/** RFC 4180 records of a small file (quoted fields, doubled quotes). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) row.push(field), rows.push(row);
  const [header, ...body] = rows.filter((r) => r.length > 1 || r[0] !== '');
  return body.map((r) => Object.fromEntries(header.map((h, j) => [h, r[j] ?? ''])));
}

const read = (name) => parseCsv(fs.readFileSync(path.join(src, name), 'utf8'));
const quote = (v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** FNV-1a of the id: a fixed order of users that does not follow their ids. */
function hash(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const ratings = read('ratings.csv');
const perBook = new Map();
for (const r of ratings) perBook.set(r.book_id, (perBook.get(r.book_id) ?? 0) + 1);
const books = new Set([...perBook].sort((a, b) => b[1] - a[1] || Number(a[0]) - Number(b[0])).slice(0, BOOKS).map(([id]) => id));
const byUser = new Map();
for (const r of ratings) if (books.has(r.book_id)) (byUser.get(r.user_id) ?? byUser.set(r.user_id, []).get(r.user_id)).push(r);
const users = [...byUser].filter(([, rs]) => rs.length >= MIN_PER_USER).sort((a, b) => hash(a[0]) - hash(b[0]) || (a[0] < b[0] ? -1 : 1));
const kept = [];
for (const [, rs] of users) {
  if (kept.length + rs.length > MAX_RATINGS) continue;
  kept.push(...rs);
}
kept.sort((a, b) => Number(a.user_id) - Number(b.user_id) || Number(a.book_id) - Number(b.book_id));

const tagName = new Map(read('tags.csv').map((t) => [t.tag_id, t.tag_name.replace(/\|/g, '/')]));
const tagsOf = new Map();
for (const t of read('book_tags.csv')) {
  const name = tagName.get(t.tag_id);
  if (!name || SHELVES.has(name) || /^-|^\d+$/.test(name)) continue;
  (tagsOf.get(t.goodreads_book_id) ?? tagsOf.set(t.goodreads_book_id, []).get(t.goodreads_book_id)).push({ name, count: Number(t.count) });
}
const used = new Set(kept.map((r) => r.book_id));
const bookRows = read('books.csv')
  .filter((b) => used.has(b.book_id))
  .sort((a, b) => Number(a.book_id) - Number(b.book_id))
  .map((b) => {
    const tags = (tagsOf.get(b.goodreads_book_id) ?? []).sort((x, y) => y.count - x.count || (x.name < y.name ? -1 : 1)).slice(0, TOP_TAGS).map((t) => t.name);
    const year = b.original_publication_year === '' ? '' : String(Math.round(Number(b.original_publication_year)));
    return [b.book_id, quote(b.title), quote(b.authors), year, quote(tags.join('|'))].join(',');
  });

fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'ratings.csv'), `user_id,book_id,rating\n${kept.map((r) => `${r.user_id},${r.book_id},${r.rating}`).join('\n')}\n`);
fs.writeFileSync(path.join(out, 'books.csv'), `book_id,title,authors,year,tags\n${bookRows.join('\n')}\n`);
const nUsers = new Set(kept.map((r) => r.user_id)).size;
process.stdout.write(`${kept.length} ratings by ${nUsers} users of ${used.size} books → ${out}\n`);
