import { describe, expect, it } from 'vitest';
import { createKeyHandler, SEQUENCE_MS, type KeyLike, type KeyOptions } from './keys';
import { SHORTCUTS } from './list';

const sections = [
  { id: 'datasets', key: 'd' },
  { id: 'experiments', key: 'e' },
];
const press = (key: string, more: Partial<KeyLike> = {}): KeyLike => ({ key, ctrlKey: false, metaKey: false, altKey: false, typing: false, modalOpen: false, ...more });

function handler(more: Partial<KeyOptions> = {}) {
  let t = 0;
  const h = createKeyHandler({ sections, desktop: false, singleKeys: () => true, now: () => t, ...more });
  return { h, wait: (ms: number) => (t += ms) };
}

describe('app-wide keys', () => {
  it('opens the shortcut list on ?', () => {
    expect(handler().h(press('?'))).toEqual({ kind: 'help' });
  });

  it('goes to a section with G then its letter, upper or lower case', () => {
    const { h } = handler();
    expect(h(press('g'))).toBeNull();
    expect(h(press('e'))).toEqual({ kind: 'section', id: 'experiments' });
    expect(h(press('G'))).toBeNull();
    expect(h(press('D'))).toEqual({ kind: 'section', id: 'datasets' });
    // The letter alone does nothing.
    expect(h(press('d'))).toBeNull();
  });

  it('forgets G after a pause or another key', () => {
    const { h, wait } = handler();
    h(press('g'));
    wait(SEQUENCE_MS + 1);
    expect(h(press('d'))).toBeNull();
    h(press('g'));
    h(press('q'));
    expect(h(press('d'))).toBeNull();
  });

  it('leaves keys alone while typing, in a dialog, with modifiers, or when single keys are off', () => {
    expect(handler().h(press('?', { typing: true }))).toBeNull();
    expect(handler().h(press('?', { modalOpen: true }))).toBeNull();
    expect(handler({ singleKeys: () => false }).h(press('?'))).toBeNull();
    const { h } = handler();
    h(press('g'));
    expect(h(press('d', { ctrlKey: true }))).toBeNull();
  });

  it('takes no key the browser owns in browser mode', () => {
    const { h } = handler();
    for (const key of ['1', '2', 'n', 't', 'w', 'r', 'l', 'f']) {
      expect(h(press(key, { ctrlKey: true }))).toBeNull();
      expect(h(press(key, { metaKey: true }))).toBeNull();
      expect(h(press(key, { altKey: true }))).toBeNull();
    }
  });

  it('switches sections with Ctrl/⌘ + digit in the desktop app only', () => {
    const { h } = handler({ desktop: true });
    expect(h(press('2', { ctrlKey: true }))).toEqual({ kind: 'section', id: 'experiments' });
    expect(h(press('1', { metaKey: true }))).toEqual({ kind: 'section', id: 'datasets' });
    expect(h(press('9', { ctrlKey: true }))).toBeNull();
  });

  it('lists no browser-owned chord for browser mode', () => {
    const owned = /^(Ctrl|⌘|Alt)\+([NTWRLD1-9])$/i;
    for (const s of SHORTCUTS.filter((x) => x.where !== 'desktop app')) for (const k of s.keys) expect(k).not.toMatch(owned);
  });
});
