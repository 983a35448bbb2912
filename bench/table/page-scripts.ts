/**
 * Code run inside the page, as source text (bench/ is type-checked without the DOM library).
 * The table's scroll position is driven as a fraction of its scroll range, which maps to rows
 * the same way whether or not the body is scaled (tables over ~535k rows).
 */

const TABLE = `document.querySelector('[data-testid="data-table"]')`;
/** True when every row in view has its cells (no placeholders waiting for a page). */
const LOADED = `(() => {
  const t = ${TABLE};
  const box = t.getBoundingClientRect();
  for (const r of t.querySelectorAll('[data-row]')) {
    const b = r.getBoundingClientRect();
    if (b.bottom > box.top + 36 && b.top < box.bottom && r.querySelector('.dt-loading')) return false;
  }
  return true;
})()`;

/**
 * Scrolls down through the table at `rowsPerSecond` for `seconds` (bouncing at the ends),
 * setting the position once per animation frame; resolves with the frame intervals and how
 * many frames showed a row still waiting for its page.
 */
export const SCROLL_FRAMES = (total: number, rowsPerSecond: number, seconds: number) => `new Promise((resolve) => {
  const t = ${TABLE};
  const loaded = () => ${LOADED};
  t.scrollTop = 0;
  const frames = [];
  let waiting = 0;
  let first = 0, last = 0;
  const tick = (now) => {
    if (!first) first = last = now;
    else {
      frames.push(now - last);
      if (!loaded()) waiting++;
      last = now;
    }
    const rows = ((now - first) / 1000) * ${rowsPerSecond};
    const span = Math.max(1, ${total} - 20);
    const lap = rows % (2 * span);
    const row = lap < span ? lap : 2 * span - lap;
    t.scrollTop = (row / span) * (t.scrollHeight - t.clientHeight);
    if (now - first < ${seconds * 1000}) requestAnimationFrame(tick);
    else resolve({ frames, waiting });
  };
  requestAnimationFrame(tick);
})`;

/** Jumps to `fraction` of the table and resolves with the ms until the rows in view are painted with their values. */
export const JUMP = (fraction: number) => `new Promise((resolve, reject) => {
  const t = ${TABLE};
  const loaded = () => ${LOADED};
  const t0 = performance.now();
  t.scrollTop = ${fraction} * (t.scrollHeight - t.clientHeight);
  const tick = () => {
    if (performance.now() - t0 > 30000) return reject(new Error('rows not loaded in 30 s'));
    if (loaded() && t.querySelector('[data-row]')) return requestAnimationFrame(() => resolve(performance.now() - t0));
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})`;

/**
 * Runs `action` (page code) and resolves with the ms until `done` (page code, an expression) holds
 * and the rows in view are painted with their values: a sort or a filter from click to rows.
 */
export const SETTLE = (action: string, done: string) => `new Promise((resolve, reject) => {
  const t = ${TABLE};
  const loaded = () => ${LOADED};
  const t0 = performance.now();
  ${action};
  const tick = () => {
    if (performance.now() - t0 > 60000) return reject(new Error('view not shown in 60 s'));
    if ((${done}) && loaded() && t.querySelector('[data-row]')) return requestAnimationFrame(() => resolve(performance.now() - t0));
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})`;

/** The first row's number in the file (its # cell). */
export const FIRST_FILE_ROW = `(${TABLE}.querySelector('[data-row="1"] .dt-num')?.textContent ?? '')`;
/** The row count above the table. */
export const COUNT_TEXT = `(document.querySelector('[data-testid="row-count"]')?.textContent ?? '')`;
