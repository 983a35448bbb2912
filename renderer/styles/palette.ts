/**
 * The palette, one place for both themes. Every text/background pair meets WCAG AA (4.5:1 for
 * text, 3:1 for UI parts such as bars); palette.test.ts computes the ratios, so a shade that
 * breaks a pair fails there. Status colours have two tokens: the base one fills badges and
 * buttons, the `-text` one is for words on a panel.
 */
export const palette = {
  light: {
    bg: '#f7f7f5',
    panel: '#ffffff',
    text: '#1d2125',
    muted: '#5f6670',
    line: '#e2e4e8',
    accent: '#2563c9',
    'accent-text': '#ffffff',
    danger: '#c53030',
    'danger-text': '#b02a2a',
    ok: '#2f855a',
    'ok-text': '#27704b',
    warn: '#b7791f',
    'warn-text': '#8f560c',
    sidebar: '#eeefed',
  },
  dark: {
    bg: '#16181b',
    panel: '#1e2125',
    text: '#e6e8eb',
    muted: '#9aa2ac',
    line: '#30353b',
    accent: '#5b8ff0',
    // A light accent keeps links readable on the dark panels, so what sits on it is dark.
    'accent-text': '#0d1420',
    danger: '#c53030',
    'danger-text': '#f08c8c',
    ok: '#2f855a',
    'ok-text': '#5cc08c',
    warn: '#b7791f',
    'warn-text': '#e3a647',
    sidebar: '#1b1d21',
  },
} as const;

export type Token = keyof typeof palette.light;

const shadow = { light: '0 6px 24px rgba(0, 0, 0, 0.12)', dark: '0 6px 24px rgba(0, 0, 0, 0.5)' };

const declarations = (theme: 'light' | 'dark') =>
  Object.entries(palette[theme])
    .map(([name, value]) => `--${name}: ${value};`)
    .concat(`--shadow: ${shadow[theme]};`)
    .join(' ');

/** The custom properties as a stylesheet: light on :root, dark under data-theme="dark". */
export function paletteCss(): string {
  return `:root { ${declarations('light')} }\n:root[data-theme='dark'] { ${declarations('dark')} }`;
}

/** Puts the palette into the page once, before the first render. */
export function installPalette(doc: Document = document): void {
  if (doc.getElementById('lathe-palette')) return;
  const style = doc.createElement('style');
  style.id = 'lathe-palette';
  style.textContent = paletteCss();
  doc.head.prepend(style);
}
