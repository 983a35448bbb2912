/** "3 s", "2 min 5 s", "1 h 4 min": short, human, for ETAs. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '';
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function formatPercent(f: number): string {
  return `${Math.round(f * 100)}%`;
}

export function formatWhen(iso: string): string {
  return new Date(iso).toLocaleString();
}
