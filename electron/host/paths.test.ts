import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultHome, resolveHome } from './paths';

describe('data folder', () => {
  it('prefers --home, then LATHE_HOME', () => {
    expect(resolveHome('/tmp/a', { LATHE_HOME: '/tmp/b' })).toBe(path.resolve('/tmp/a'));
    expect(resolveHome(undefined, { LATHE_HOME: '/tmp/b' })).toBe(path.resolve('/tmp/b'));
  });

  it('follows each OS convention', () => {
    expect(defaultHome('linux', { HOME: '/home/u' })).toBe('/home/u/.local/share/lathe');
    expect(defaultHome('linux', { HOME: '/home/u', XDG_DATA_HOME: '/data' })).toBe('/data/lathe');
    expect(defaultHome('darwin', { HOME: '/Users/u' })).toBe('/Users/u/Library/Application Support/Lathe');
    expect(defaultHome('win32', { HOME: 'C:/u', APPDATA: 'C:/u/AppData/Roaming' })).toBe(path.join('C:/u/AppData/Roaming', 'Lathe'));
  });
});
