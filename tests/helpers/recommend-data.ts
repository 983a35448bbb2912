/**
 * Small made-up interaction files for recommender tests: two tastes of users (one likes the first
 * half of the items, the other the second), ratings 1–5 with a time, events and counts, and an item
 * file with a title, a genre, tags and a year. Seeded, so every test reads the same rows.
 */
import { mulberry32 } from '../../models/split/prng';

export interface RecommendFiles {
  ratings: string;
  events: string;
  items: string;
  users: string;
}

export function recommendFiles(opts: { users?: number; items?: number; perUser?: number; seed?: number } = {}): RecommendFiles {
  const nUsers = opts.users ?? 60;
  const nItems = opts.items ?? 40;
  const perUser = opts.perUser ?? 12;
  const rand = mulberry32(opts.seed ?? 7);
  const half = nItems / 2;
  const ratings = ['user,book,stars,ts'];
  const events = ['user,book,action,plays'];
  for (let u = 0; u < nUsers; u++) {
    const taste = u % 2;
    const seen = new Set<number>();
    for (let j = 0; j < perUser; j++) {
      const liked = rand() < 0.8;
      const side = liked ? taste : 1 - taste;
      let i = side * half + Math.floor(rand() * half);
      while (seen.has(i)) i = (i + 1) % nItems;
      seen.add(i);
      const stars = liked ? 4 + Math.round(rand()) : 1 + Math.round(rand() * 1.5);
      const ts = 1_600_000_000 + u * 1000 + j * 86_400;
      ratings.push(`u${u},${100 + i},${stars},${ts}`);
      events.push(`u${u},${100 + i},${liked ? 'buy' : 'view'},${liked ? 3 + Math.floor(rand() * 5) : 1}`);
    }
  }
  const items = ['book_id,title,genre,tags,year'];
  for (let i = 0; i < nItems; i++) {
    const side = i < half ? 'fantasy' : 'crime';
    items.push(`${100 + i},Book ${i},${side},${side}|${i % 3 === 0 ? 'classic' : 'new'}|t${i % 5},${1950 + i}`);
  }
  const users = ['uid,country,age'];
  for (let u = 0; u < nUsers; u++) users.push(`u${u},${u % 3 === 0 ? 'fr' : 'de'},${20 + (u % 40)}`);
  return { ratings: ratings.join('\n') + '\n', events: events.join('\n') + '\n', items: items.join('\n') + '\n', users: users.join('\n') + '\n' };
}
