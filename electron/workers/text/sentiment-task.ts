/**
 * Lexicon sentiment of every row of a text column, written as a new dataset: the original
 * columns, then the score and the label. The source table is only read.
 */
import { lexiconSentiment } from '../../../models/text';
import type { SentimentLabelDto, SentimentOutcomeDto } from '../../../shared/api/text-dto';
import { checkpointAfterImport, type Cell } from '../../data/db/dataset-tables';
import { textOf } from '../../data/text/text-columns';
import type { Task } from '../protocol';
import { DerivedDatasetWriter, freeColumnName } from './derived-table';
import { forEachPage, openTextSource } from './source';

export const sentimentTask: Task<'text.sentiment'> = async (args, ctx) => {
  const started = performance.now();
  const src = openTextSource(ctx, args.sourceDatasetId, args.text);
  let writer: DerivedDatasetWriter | null = null;
  let closeLater = false;
  try {
    const { detail } = src;
    const names = detail.columnsDetail.map((c) => c.name);
    const scoreColumn = freeColumnName(names, 'sentiment_score');
    const labelColumn = freeColumnName([...names, scoreColumn], 'sentiment_label');
    writer = new DerivedDatasetWriter(src.db, args.datasetId, [
      ...detail.columnsDetail.map((c) => ({ name: c.name, type: c.type })),
      { name: scoreColumn, type: 'float' },
      { name: labelColumn, type: 'categorical' },
    ]);
    const w = writer;
    const labels: Record<SentimentLabelDto, number> = { positive: 0, negative: 0, neutral: 0 };
    let scored = 0;
    let sum = 0;
    const all = detail.columnsDetail.map((c) => c.position);
    const textAt = src.text.position;
    const finished = forEachPage(src, all, ctx, (rows, _offset, done) => {
      for (const row of rows) {
        const text = textOf(row[textAt]);
        const extra: Cell[] = [null, null];
        if (text !== null) {
          const r = lexiconSentiment(text);
          // Four decimals: the lexicon's precision, and a table or CSV that reads well.
          const score = Math.round(r.score * 1e4) / 1e4;
          extra[0] = score;
          extra[1] = r.label;
          labels[r.label]++;
          scored++;
          sum += score;
        }
        w.push([...row, ...extra]);
      }
      // The host's own writes (job progress) wait for this lock: keep each transaction short.
      w.commit();
      ctx.progress(0.97 * done, `${w.rows.toLocaleString('en-US')} rows scored`);
    });
    if (!finished) {
      writer.discard();
      return null;
    }
    const dataset = writer.finish(args.name, detail, { kind: 'sentiment', datasetId: detail.id, datasetName: detail.name, column: args.text });
    // As after an import: the WAL moves into the database file once the user has the result.
    ctx.afterResult(() => {
      checkpointAfterImport(src.db);
      src.db.close();
    });
    closeLater = true;
    const outcome: SentimentOutcomeDto = {
      dataset,
      source: { id: detail.id, name: detail.name },
      text: args.text,
      scoreColumn,
      labelColumn,
      scored,
      missing: detail.rows - scored,
      labels,
      meanScore: scored ? sum / scored : 0,
      durationMs: Math.round(performance.now() - started),
    };
    return outcome;
  } catch (err) {
    writer?.discard();
    throw err;
  } finally {
    if (!closeLater) src.db.close();
  }
};
