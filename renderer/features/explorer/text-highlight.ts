/**
 * Word highlighting of a text model's explanation: the text cut into plain and highlighted
 * segments at the explanation's UTF-16 offsets, and each highlight's colour. The colours diverge
 * (red pushes the explained output up, blue down, as in the contributions chart) and grow from
 * the panel towards a tint by |contribution|; every shade keeps the theme's text at WCAG AA.
 */
import type { TextTokenDto } from '../../../shared/api/methods/explorer';
import { palette } from '../../styles/palette';

export interface HighlightSegment {
  start: number;
  end: number;
  text: string;
  /** The words explained here (several when their spans overlap); null for the text between them. */
  word: { tokens: string[]; contribution: number; valence: number | null } | null;
}

/**
 * Cuts `text` at the tokens' offsets. Tokens are taken in text order; overlapping ones (a split
 * contraction, a bigram's words) merge into one highlight with their contributions summed;
 * empty or out-of-range spans are dropped. The segments cover the text exactly, in order.
 */
export function highlightSegments(text: string, tokens: readonly TextTokenDto[]): HighlightSegment[] {
  const spans = tokens
    .map((t) => ({ ...t, start: Math.max(0, t.start), end: Math.min(text.length, t.end) }))
    .filter((t) => t.end > t.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: { start: number; end: number; tokens: string[]; contribution: number; valence: number | null }[] = [];
  for (const t of spans) {
    const last = merged[merged.length - 1];
    if (last && t.start < last.end) {
      last.end = Math.max(last.end, t.end);
      last.tokens.push(t.token);
      last.contribution += t.contribution;
      last.valence = last.valence === null && t.valence === null ? null : (last.valence ?? 0) + (t.valence ?? 0);
    } else {
      merged.push({ start: t.start, end: t.end, tokens: [t.token], contribution: t.contribution, valence: t.valence });
    }
  }
  const out: HighlightSegment[] = [];
  let at = 0;
  for (const m of merged) {
    if (m.start > at) out.push({ start: at, end: m.start, text: text.slice(at, m.start), word: null });
    out.push({ start: m.start, end: m.end, text: text.slice(m.start, m.end), word: { tokens: m.tokens, contribution: m.contribution, valence: m.valence } });
    at = m.end;
  }
  if (at < text.length) out.push({ start: at, end: text.length, text: text.slice(at), word: null });
  return out;
}

export type Theme = 'light' | 'dark';

/** The strongest tint each way, and the edge under a highlight (3:1 on the panel, so the sign shows without colour vision too). */
export const HIGHLIGHT = {
  light: { up: '#f0866a', down: '#7aa5f2', upEdge: '#b83a1e', downEdge: '#2559c4' },
  dark: { up: '#9a3520', down: '#1f4fa8', upEdge: '#f08c6c', downEdge: '#6f9df0' },
} as const;

const hex = (n: number) => Math.round(n).toString(16).padStart(2, '0');
const rgb = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));

/** `a` mixed with `b` in sRGB: share 0 is a, 1 is b. */
export function mix(a: string, b: string, share: number): string {
  const s = Math.max(0, Math.min(1, share));
  const [x, y] = [rgb(a), rgb(b)];
  return `#${x.map((v, i) => hex(v + (y[i] - v) * s)).join('')}`;
}

/** Background of a word: the panel for nothing, the full tint for the largest |contribution| in the text. */
export function highlightColour(contribution: number, largest: number, theme: Theme): string {
  const panel = palette[theme].panel;
  if (!(largest > 0) || contribution === 0) return panel;
  return mix(panel, contribution > 0 ? HIGHLIGHT[theme].up : HIGHLIGHT[theme].down, Math.abs(contribution) / largest);
}

export const edgeColour = (contribution: number, theme: Theme) => (contribution > 0 ? HIGHLIGHT[theme].upEdge : HIGHLIGHT[theme].downEdge);

/** The largest |contribution| among the highlights, the scale of the colours. */
export const largestContribution = (segments: readonly HighlightSegment[]) =>
  segments.reduce((m, s) => (s.word ? Math.max(m, Math.abs(s.word.contribution)) : m), 0);

/** A contribution as the tooltip and the table show it: signed, 3 significant digits. */
export function signed(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  const body = a < 1e-3 || a >= 1e4 ? a.toExponential(2) : a >= 100 ? a.toFixed(0) : trimZeros(a.toPrecision(3));
  return `${v > 0 ? '+' : '−'}${body}`;
}

/** '1.50' → '1.5', '2.00' → '2', '100' stays. */
const trimZeros = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
