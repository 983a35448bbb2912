import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const resultsDir = path.resolve(import.meta.dirname, '..', 'results');

export function machine() {
  return { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${process.platform}-${process.arch}` };
}

/** Writes `<name>.json` and `<name>.md` under bench/results and prints the markdown. */
export function writeReport(name: string, json: unknown, markdown: string): void {
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, `${name}.json`), JSON.stringify(json, null, 2) + '\n');
  fs.writeFileSync(path.join(resultsDir, `${name}.md`), markdown + '\n');
  console.log(markdown);
  console.log(`\nwritten: bench/results/${name}.json, bench/results/${name}.md`);
}
