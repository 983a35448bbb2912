/**
 * Code run inside the page, as source text (bench/ is type-checked without the DOM library).
 * Times are `performance.now()` in the page: milliseconds since its navigation started.
 */

/**
 * Before any page script: click Experiments as soon as the navigation exists, and note the
 * animation frame after the first run row is in the DOM (the frame it is painted in).
 */
export const WATCH_TABLE = `(() => {
  const b = (window.__bench = { clicked: 0, rows: 0, ready: 0 });
  const check = () => {
    if (!b.ready && document.documentElement.dataset.appReady === 'true') b.ready = performance.now();
    const nav = document.querySelector('[data-testid="nav-experiments"]');
    if (nav && !b.clicked) {
      b.clicked = performance.now();
      nav.click();
    }
    if (!b.seen && document.querySelector('[data-testid="runs-table"] [data-testid^="run-"]')) {
      b.seen = performance.now();
      requestAnimationFrame(() => (b.rows = performance.now()));
    }
    if (b.rows && b.ready) obs.disconnect();
  };
  const obs = new MutationObserver(check);
  obs.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-app-ready'] });
})()`;

/** Clicks the run's row, then resolves with the ms until its curve canvas shows coloured pixels. */
export const CURVE_PAINTED = (runId: string) => `new Promise((resolve, reject) => {
  const row = document.querySelector('[data-testid="run-${runId}"]');
  if (!row) return reject(new Error('row not found'));
  const t0 = performance.now();
  row.click();
  const coloured = () => {
    let n = 0;
    for (const c of document.querySelectorAll('[data-testid="run-detail"] [data-testid="run-curves"] canvas')) {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 100 && Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 60) n++;
    }
    return n;
  };
  const deadline = t0 + 120000;
  const tick = () => {
    const now = performance.now();
    if (coloured() > 200) return resolve(now - t0);
    if (now > deadline) return reject(new Error('curve not drawn in 120 s'));
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})`;
