import type { SweepDto } from '../../../shared/api/methods/sweeps';
import type { ChartOption } from '../../charts/EChart';
import { metricLabel } from '../experiments/format';

export interface Axis {
  key: string;
  kind: 'value' | 'log' | 'category';
  choices: string[];
  /** Whole numbers only (both ends of the range are). */
  int: boolean;
  /** The searched range, so lines show where in it each trial landed. */
  lo?: number;
  hi?: number;
}

/** The axes a sweep searched, read back from its space strings (`key=lo..hi[:log]`, `key=a|b`). */
export function spaceAxes(space: string[]): Axis[] {
  return space.map((s) => {
    const eq = s.indexOf('=');
    const key = s.slice(0, eq).trim();
    const body = s.slice(eq + 1).trim();
    if (body.includes('|')) return { key, kind: 'category', choices: body.split('|').filter(Boolean), int: false };
    const [lo, hi] = body.replace(/:log$/, '').split('..').map(Number);
    const range = Number.isFinite(lo) && Number.isFinite(hi) ? { lo, hi } : {};
    return { key, kind: body.endsWith(':log') ? 'log' : 'value', choices: [], int: /^-?\d+\.\.-?\d+$/.test(body), ...range };
  });
}

export const BEST_COLOR = '#e0782f';

/**
 * One line per finished trial across the searched parameters and the objective (better at
 * the top); the best trial is drawn thick in its own colour on top of the rest.
 */
export function parallelOption(sweep: SweepDto, dark: boolean): ChartOption {
  const axes = spaceAxes(sweep.space);
  const done = sweep.results.filter((t) => t.value !== null && Number.isFinite(t.value));
  const row = (t: SweepDto['results'][number]) => [...axes.map((a) => (a.kind === 'category' ? String(t.params[a.key] ?? '') : Number(t.params[a.key]))), t.value];
  const best = done.find((t) => t.runId === sweep.bestRunId);
  const text = dark ? '#c9ced6' : '#39404a';
  const line = dark ? '#4a515a' : '#c8ccd2';
  const axisStyle = {
    nameTextStyle: { color: text, fontSize: 12 },
    axisLine: { lineStyle: { color: line } },
    axisLabel: { color: text, fontSize: 11 },
    splitLine: { show: false },
  };
  return {
    title: done.length ? { show: false } : { text: 'Lines appear as trials finish', left: 'center', top: 'middle', textStyle: { fontSize: 13, fontWeight: 'normal', color: '#888' } },
    parallel: { left: 60, right: 90, top: 40, bottom: 30 },
    parallelAxis: [
      ...axes.map((a, i) => ({ dim: i, name: a.key, type: a.kind, ...(a.kind === 'category' ? { data: a.choices } : { min: a.lo, max: a.hi, minInterval: a.int ? 1 : undefined }), ...axisStyle })),
      { dim: axes.length, name: `${metricLabel(sweep.metric)}${sweep.lowerIsBetter ? ' ↓' : ' ↑'}`, type: 'value', scale: true, inverse: sweep.lowerIsBetter,
        // The name goes at the top, where the better values are.
        nameLocation: sweep.lowerIsBetter ? 'start' : 'end', ...axisStyle, nameTextStyle: { color: text, fontSize: 12, fontWeight: 'bold' } },
    ],
    series: [
      {
        name: 'trials',
        type: 'parallel',
        data: done.filter((t) => t !== best).map(row),
        lineStyle: { width: 1.6, opacity: 0.55, color: dark ? '#6f9bf0' : '#2f6fdf' },
        emphasis: { lineStyle: { width: 3, opacity: 1 } },
      },
      {
        name: 'best',
        type: 'parallel',
        data: best ? [row(best)] : [],
        lineStyle: { width: 4.5, opacity: 1, color: BEST_COLOR },
        z: 10,
      },
    ],
  };
}
