import type { Command } from 'commander';
import { withCore } from '../run-job';
import type { GlobalOptions } from '../main';
import { metricText } from '../metric-text';

export function registerCompare(program: Command): void {
  program
    .command('compare <runA> <runB>')
    .description('paired statistical comparison of two runs on the same test rows')
    .option('--metric <m>', 'metric to compare (default: rmse or accuracy)')
    .option('--margin <x>', 'practical-equivalence margin in metric units', (v) => Number(v), 0)
    .option('--resamples <n>', 'bootstrap resamples', (v) => Number(v), 1000)
    .action(async (a: string, b: string, o: { metric?: string; margin: number; resamples: number }) => {
      await withCore(program.opts<GlobalOptions>(), async (core, out) => {
        const r = await core.call('runs.compare', { a, b, metric: o.metric as never, margin: o.margin, resamples: o.resamples });
        out.result(r, () => {
          const d = r.difference;
          const lines = [
            r.text,
            `${r.metric}: A ${metricText(r.metric, r.valueA, 5)}  B ${metricText(r.metric, r.valueB, 5)}  (B − A ${metricText(r.metric, d.estimate)}, ${Math.round(d.level * 100)} % paired bootstrap interval ${metricText(r.metric, d.lo)} … ${metricText(r.metric, d.hi)}, ${r.rows} test rows${d.clusters !== undefined ? ` resampled as ${d.clusters} (series, time) groups` : ''})`,
          ];
          if (r.mcnemar) lines.push(`McNemar: only A right ${r.mcnemar.onlyA}, only B right ${r.mcnemar.onlyB}, p = ${r.mcnemar.pValue.toPrecision(3)}${r.mcnemar.exact ? ' (exact)' : ''}`);
          if (r.correctedT) lines.push(`Corrected resampled t-test over folds: t = ${r.correctedT.t.toFixed(2)}, df ${r.correctedT.df}, p = ${r.correctedT.pValue.toPrecision(3)}`);
          return lines.join('\n');
        });
      });
    });
}
