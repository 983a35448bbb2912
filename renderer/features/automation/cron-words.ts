/**
 * Cron text in words ("At 03:00 on Monday"), for the plan editor: five fields (minute hour day
 * month weekday) or six with seconds first, as croner reads them, plus its @nicknames. Anything it
 * cannot word plainly (L, W, #, ?) is returned as null and the editor shows the text as it is.
 */

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAY_NAMES: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const MONTH_NAMES: Record<string, number> = Object.fromEntries(MONTHS.map((m, i) => [m.slice(0, 3).toLowerCase(), i + 1]));

const NICKNAMES: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

type Part = { kind: 'any' } | { kind: 'step'; every: number; from: number } | { kind: 'list'; items: (number | [number, number])[] };

function value(text: string, names?: Record<string, number>): number {
  const named = names?.[text.toLowerCase()];
  if (named !== undefined) return named;
  if (!/^\d+$/.test(text)) throw new Error(text);
  return Number(text);
}

function parse(field: string, names?: Record<string, number>): Part {
  if (field === '*') return { kind: 'any' };
  const step = /^(\*|\d+)\/(\d+)$/.exec(field);
  if (step) return { kind: 'step', every: Number(step[2]), from: step[1] === '*' ? 0 : Number(step[1]) };
  const items = field.split(',').map((item): number | [number, number] => {
    const range = item.split('-');
    if (range.length === 2) return [value(range[0], names), value(range[1], names)];
    if (range.length === 1) return value(item, names);
    throw new Error(item);
  });
  return { kind: 'list', items };
}

const two = (n: number) => String(n).padStart(2, '0');
const single = (p: Part): number | null => (p.kind === 'list' && p.items.length === 1 && typeof p.items[0] === 'number' ? p.items[0] : null);

function listWords(p: Part & { kind: 'list' }, word: (n: number) => string): string {
  const items = p.items.map((i) => (typeof i === 'number' ? word(i) : `${word(i[0])} to ${word(i[1])}`));
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const plural = (n: number, unit: string) => (n === 1 ? `every ${unit}` : `every ${n} ${unit}s`);

function timeWords(minute: Part, hour: Part): string {
  const m = single(minute);
  const h = single(hour);
  if (m !== null && h !== null) return `at ${two(h)}:${two(m)}`;
  if (hour.kind === 'any') {
    if (minute.kind === 'any') return 'every minute';
    if (minute.kind === 'step') return minute.from ? `${plural(minute.every, 'minute')} from minute ${minute.from}` : plural(minute.every, 'minute');
    return m !== null ? (m === 0 ? 'every hour, on the hour' : `every hour at ${m} past`) : `every hour at minutes ${listWords(minute, String)}`;
  }
  const at = m !== null ? `:${two(m)}` : minute.kind === 'any' ? ' every minute' : null;
  if (hour.kind === 'step' && at !== null) return `${plural(hour.every, 'hour')}${hour.from ? ` from ${two(hour.from)}:00` : ''}${m !== null ? ` at ${m} past` : ', every minute'}`;
  if (hour.kind === 'list' && m !== null) return `at ${listWords(hour, (x) => `${two(x)}:${two(m)}`)}`;
  const minutes = minute.kind === 'any' ? 'every minute' : minute.kind === 'step' ? plural(minute.every, 'minute') : `at minutes ${listWords(minute, String)}`;
  const hours = hour.kind === 'step' ? plural(hour.every, 'hour') : `during hours ${listWords(hour as Part & { kind: 'list' }, two)}`;
  return `${minutes}, ${hours}`;
}

function dayWords(dom: Part, month: Part, dow: Part): string {
  const parts: string[] = [];
  if (dow.kind === 'list') parts.push(`on ${listWords(dow, (d) => DAYS[d % 7])}`);
  if (dow.kind === 'step') parts.push(`every ${dow.every} days of the week`);
  if (dom.kind === 'list') parts.push(`${dow.kind === 'any' ? 'on' : 'or on'} day ${listWords(dom, String)} of the month`);
  if (dom.kind === 'step') parts.push(`every ${dom.every} days`);
  if (month.kind === 'list') parts.push(`in ${listWords(month, (x) => MONTHS[x - 1] ?? String(x))}`);
  if (month.kind === 'step') parts.push(`every ${month.every} months`);
  return parts.join(', ');
}

/** The schedule in words, or null when the text is not something it can word (the host is the judge of validity). */
export function cronToWords(text: string): string | null {
  const trimmed = text.trim();
  const fields = (NICKNAMES[trimmed.toLowerCase()] ?? trimmed).split(/\s+/);
  if (fields.length !== 5 && fields.length !== 6) return null;
  const [second, minute, hour, dom, month, dow] = fields.length === 6 ? fields : ['0', ...fields];
  try {
    if (second !== '0') return null;
    const p = { minute: parse(minute), hour: parse(hour), dom: parse(dom), month: parse(month, MONTH_NAMES), dow: parse(dow, DAY_NAMES) };
    const time = timeWords(p.minute, p.hour);
    const days = dayWords(p.dom, p.month, p.dow);
    const words = days ? `${time}, ${days}` : /^every (minute|hour|\d)/.test(time) ? time : `${time}, every day`;
    return words.charAt(0).toUpperCase() + words.slice(1);
  } catch {
    return null;
  }
}
