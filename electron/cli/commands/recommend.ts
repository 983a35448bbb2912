/** `lathe recommend`: a recommender's list for a user, a group, items like one item, or stated preferences. */
import type { Command } from 'commander';
import { ApiError } from '../../../shared/api/errors';
import type { ArgsOf } from '../../../shared/api/contract';
import type { RecommendAnswerDto } from '../../../shared/api/recommend-dto';
import { GROUP_STRATEGIES, type GroupStrategy } from '../../../shared/families/recommend';
import { withCore } from '../run-job';
import type { GlobalOptions } from '../main';

export interface RecommendQueryCliOptions {
  model: string;
  user?: string;
  group?: string;
  strategy?: string;
  similarTo?: string;
  prefer?: string;
  k?: string;
}

/** The flag each field of recommend.query is given by, so a refusal names what to change. */
const FLAGS: Record<string, string> = { model: '--model', user: '--user', group: '--group', strategy: '--strategy', similarTo: '--similar-to', prefer: '--prefer', k: '--k' };

const bad = (field: string, message: string) => new ApiError('bad_request', `${FLAGS[field]}: ${message}`, { field });

/** tags=jazz|live,genre=crime → {tags: [jazz, live], genre: [crime]}; a repeated key adds values. */
export function parsePreferences(s: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const pair of s.split(',').map((x) => x.trim()).filter(Boolean)) {
    const eq = pair.indexOf('=');
    const values = pair.slice(eq + 1).split('|').map((v) => v.trim()).filter(Boolean);
    if (eq <= 0 || !values.length) throw bad('prefer', `expected column=value pairs separated by commas, e.g. tags=jazz|live,genre=crime; got '${pair}'`);
    const key = pair.slice(0, eq).trim();
    out[key] = [...(out[key] ?? []), ...values];
  }
  return out;
}

export function recommendQueryFromCli(o: RecommendQueryCliOptions): ArgsOf<'recommend.query'> {
  const asked = (['user', 'group', 'similarTo', 'prefer'] as const).filter((k) => o[k] !== undefined);
  if (asked.length !== 1) {
    throw new ApiError('bad_request', asked.length
      ? `give one of --user, --group, --similar-to or --prefer, not ${asked.map((k) => FLAGS[k]).join(' and ')}`
      : 'nothing to recommend from: give --user ID, --group ID,ID,…, --similar-to ITEM or --prefer column=value,…', { field: asked[1] ?? 'user' });
  }
  const args: ArgsOf<'recommend.query'> = { model: o.model };
  if (o.k !== undefined) {
    const k = Number(o.k);
    if (!Number.isInteger(k) || k < 1 || k > 1000) throw bad('k', `expected a whole number from 1 to 1000; got '${o.k}'`);
    args.k = k;
  }
  if (o.strategy !== undefined) {
    if (o.group === undefined) throw bad('strategy', 'a strategy goes with --group');
    if (!Object.prototype.hasOwnProperty.call(GROUP_STRATEGIES, o.strategy)) throw bad('strategy', `'${o.strategy}' is not a strategy; use ${Object.keys(GROUP_STRATEGIES).join(', ')}`);
    args.strategy = o.strategy as GroupStrategy;
  }
  if (o.user !== undefined) args.user = o.user;
  if (o.similarTo !== undefined) args.similarTo = o.similarTo;
  if (o.prefer !== undefined) args.prefer = parsePreferences(o.prefer);
  if (o.group !== undefined) {
    const members = o.group.split(',').map((u) => u.trim()).filter(Boolean);
    if (members.length < 2 || members.length > 50) throw bad('group', `a group has 2 to 50 users separated by commas; got ${members.length}`);
    args.group = members;
  }
  return args;
}

/** A refusal from the host, with the flag of the field it names in front. */
function withFlag(err: unknown): unknown {
  if (!(err instanceof ApiError)) return err;
  const field = (err.details as { field?: unknown } | undefined)?.field;
  const flag = typeof field === 'string' ? FLAGS[field] : undefined;
  return flag && !err.message.startsWith(flag) ? new ApiError(err.code, `${flag}: ${err.message}`, err.details) : err;
}

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const num = (x: number) => (Math.abs(x) >= 1000 ? x.toFixed(0) : x.toPrecision(3));

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  return [head, ...rows].map((r) => r.map((c, j) => (j === r.length - 1 ? c : c.padEnd(widths[j]))).join('  ').trimEnd()).join('\n');
}

/** The answer as people read it: a ranked table (with each member's scores for a group), then the user's history. */
export function answerText(a: RecommendAnswerDto): string {
  const members = a.members ?? [];
  const head = ['rank', 'item', 'label', 'score', ...members.map((m) => (m.known ? m.user : `${m.user}*`)), 'reason'];
  const rows = a.items.map((it, i) => [String(i + 1), cut(it.item, 24), cut(it.label ?? '', 40), num(it.score), ...members.map((m) => num(m.scores[i])), cut(it.reason, 80)]);
  const lines = [`${a.how} · ${a.durationMs.toFixed(1)} ms`, a.items.length ? table(head, rows) : 'nothing left to recommend'];
  if (members.length) {
    lines.push(`satisfaction: ${members.map((m) => `${m.user} ${m.satisfaction.toFixed(2)}`).join('  ')}`);
    if (members.some((m) => !m.known)) lines.push('* not known to the model: scored by the cold-start path');
  }
  if (a.history?.length) {
    const shown = a.history.slice(0, 10);
    lines.push(`history (${shown.length} of ${a.history.length}${a.history.length === 50 ? '+' : ''}):`);
    const timed = shown.some((h) => h.time !== null);
    const day = (t: number | null) => (t === null ? '' : new Date(t).toISOString().slice(0, 10));
    lines.push(table(['item', 'label', 'value', ...(timed ? ['time'] : [])], shown.map((h) => [cut(h.item, 24), cut(h.label ?? '', 40), num(h.value), ...(timed ? [day(h.time)] : [])])));
  }
  return lines.join('\n');
}

export function registerRecommend(program: Command): void {
  program
    .command('recommend')
    .description('recommend from a trained recommender: for a user, a group, items like one item, or stated preferences')
    .requiredOption('--model <ref>', 'run id or NAME@VERSION / NAME@ALIAS of a recommender run')
    .option('--user <id>', 'a user id (someone the model does not know gets the cold-start path)')
    .option('--group <ids>', 'a group: 2 to 50 user ids separated by commas')
    .option('--strategy <s>', `with --group: ${Object.keys(GROUP_STRATEGIES).join(', ')} (default average)`)
    .option('--similar-to <item>', 'items like this item')
    .option('--prefer <column=value,…>', 'someone new: wanted feature values, e.g. tags=jazz|live,genre=crime')
    .option('--k <n>', 'items to list (default 10)')
    .action(async (o: RecommendQueryCliOptions) => {
      await withCore(program.opts<GlobalOptions>(), async (core, out) => {
        const args = recommendQueryFromCli(o);
        let answer: RecommendAnswerDto;
        try {
          answer = await core.call('recommend.query', args);
        } catch (err) {
          throw withFlag(err);
        }
        out.result(answer, () => answerText(answer));
      });
    });
}
