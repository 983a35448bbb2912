import fs from 'node:fs';
import { mulberry32 } from '../../models/split/prng';

/** Writes a deterministic CSV of mixed types: ints, floats, booleans, dates, categories, text, some missing. */
export function generateCsv(file: string, rows: number, seed = 42): void {
  const rand = mulberry32(seed);
  const cities = ['Lisbon', 'Porto', 'Madrid', 'Paris', 'Berlin', 'Rome', 'Oslo', 'Vienna'];
  const words = ['great', 'show', 'late', 'crowd', 'sound', 'loud', 'seat', 'price', 'encore', 'band'];
  const fd = fs.openSync(file, 'w');
  let buf = 'id,price,quantity,ratio,sold_out,event_date,city,tier,comment,score\n';
  const day0 = Date.UTC(2020, 0, 1);
  for (let i = 0; i < rows; i++) {
    const price = (rand() * 300).toFixed(2);
    const qty = Math.floor(rand() * 10);
    const ratio = rand() < 0.02 ? '' : rand().toFixed(4);
    const sold = rand() < 0.5 ? 'true' : 'false';
    const date = new Date(day0 + Math.floor(rand() * 1500) * 86400000).toISOString().slice(0, 10);
    const city = cities[Math.floor(rand() * cities.length)];
    const tier = ['A', 'B', 'C'][Math.floor(rand() * 3)];
    const n = 2 + Math.floor(rand() * 5);
    let comment = '';
    for (let w = 0; w < n; w++) comment += (w ? ' ' : '') + words[Math.floor(rand() * words.length)];
    if (rand() < 0.05) comment = `"${comment}, really"`;
    const score = Math.floor(rand() * 100) - 50;
    buf += `${i},${price},${qty},${ratio},${sold},${date},${city},${tier},${comment},${score}\n`;
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
}
