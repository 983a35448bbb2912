import { describe, expect, it } from 'vitest';
import { palette, paletteCss, type Token } from './palette';
import { contrastRatio } from './contrast';

const TEXT = 4.5;
const UI = 3;

/** [foreground, background, the least ratio]: every way the app puts one on the other. */
const PAIRS: [Token | '#ffffff', Token, number][] = [
  ...(['bg', 'panel', 'sidebar'] as const).flatMap((bg): [Token, Token, number][] => [
    ['text', bg, TEXT],
    ['muted', bg, TEXT],
    ['accent', bg, TEXT], // links, "open" buttons
    ['danger-text', bg, TEXT],
    ['ok-text', bg, TEXT],
    ['warn-text', bg, TEXT],
  ]),
  ['accent-text', 'accent', TEXT], // the active navigation item, primary buttons
  ['#ffffff', 'danger', TEXT], // destructive buttons
  ['accent', 'line', UI], // a progress bar's fill on its track
  ['accent', 'panel', UI], // focus rings
];

describe('palette contrast (WCAG AA)', () => {
  for (const theme of ['light', 'dark'] as const) {
    const colour = (name: Token | '#ffffff') => (name === '#ffffff' ? name : palette[theme][name]);
    for (const [fg, bg, least] of PAIRS) {
      it(`${theme}: ${fg} on ${bg} ≥ ${least}:1`, () => {
        expect(contrastRatio(colour(fg), colour(bg))).toBeGreaterThanOrEqual(least);
      });
    }
  }

  it('computes the ratios WCAG states', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#fff', '#ffffff')).toBe(1);
    // The dark theme's former active navigation item: white on #5b8ff0.
    expect(contrastRatio('#ffffff', '#5b8ff0')).toBeCloseTo(3.17, 2);
  });

  it('writes both themes as custom properties', () => {
    const css = paletteCss();
    expect(css).toContain(`--accent-text: ${palette.light['accent-text']};`);
    expect(css).toMatch(/:root\[data-theme='dark'\] \{[^}]*--accent-text: #0d1420;/);
  });
});
