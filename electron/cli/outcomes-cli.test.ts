/** `lathe outcomes`: the window and time flags monitor.outcomes takes, in --help, and a bad window refused by its flag. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latheIn } from '../../tests/helpers/lathe-cli';
import { tempHome } from '../../tests/helpers/temp-home';

let home: ReturnType<typeof tempHome>;
const lathe = latheIn(() => home.dir);

beforeAll(() => {
  home = tempHome();
});
afterAll(() => home.cleanup());

describe('lathe outcomes', { timeout: 60_000 }, () => {
  it('lists --window and --time in its help', () => {
    const help = lathe('outcomes', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout.replace(/\s+/g, " ")).toMatch(/--time <column> date column of the outcomes or predictions/);
    expect(help.stdout.replace(/\s+/g, " ")).toMatch(/--window <day\|week\|N> windows: calendar day, week .* or every N rows \(default: "week"\)/);
  });

  it.each(['0', 'month', '-3', '1.5'])('refuses --window %s naming the flag, before opening anything', (bad) => {
    const r = lathe('outcomes', '--model', 'm@production', '--predictions', 'p', '--outcomes', 'o', '--window', bad);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(new RegExp(`option '--window <day\\|week\\|N>' argument '${bad.replace('.', '\\.')}' is invalid\\. expected day, week or a whole number of rows`));
  });
});
