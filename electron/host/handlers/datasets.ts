import { ApiError } from '../../../shared/api/errors';
import type { HandlerGroup } from './types';
import { listSamples, sampleImport } from '../datasets/samples';
import { importDefaults, previewFile, startImport, startProfile } from '../datasets/dataset-service';
import { tableColumnValues, tableRows } from '../datasets/table-rows';

type DatasetMethods =
  | 'datasets.import' | 'datasets.preview' | 'datasets.samples' | 'datasets.importSample' | 'datasets.get' | 'datasets.rows' | 'datasets.profile'
  | 'datasets.columnValues' | 'datasets.rename' | 'datasets.renameColumn' | 'datasets.setColumnType' | 'datasets.delete' | 'files.pick';

export const datasetHandlers: HandlerGroup<DatasetMethods> = {
  'datasets.import': (args, ctx) => startImport(ctx, args),
  'datasets.preview': (args, ctx) => previewFile(ctx, args),
  'datasets.samples': () => listSamples().map(({ options: _o, ...s }) => s),
  'datasets.importSample': (args, ctx) => {
    const s = sampleImport(args.id);
    return startImport(ctx, importDefaults({ ...s.options, path: s.path, name: s.name }), `Import sample: ${s.name}`);
  },
  'datasets.get': (args, ctx) => ctx.repos.datasets.get(ctx.repos.datasets.resolve(args.id)),
  'datasets.rows': (args, ctx) => tableRows(ctx, args),
  'datasets.columnValues': (args, ctx) => tableColumnValues(ctx, args),
  'datasets.profile': (args, ctx) => {
    const profile = ctx.repos.datasets.profile(args.id);
    if (profile) return { profile, jobId: null };
    const running = ctx.repos.jobs.findActive('datasets.profile', args.id);
    return { profile: null, jobId: running ?? startProfile(ctx, args.id) };
  },
  'datasets.rename': (args, ctx) => {
    ctx.repos.datasets.rename(args.id, args.name);
    ctx.events.emit('datasets.changed', { datasetId: args.id });
    return ctx.repos.datasets.get(args.id);
  },
  'datasets.renameColumn': (args, ctx) => {
    ctx.repos.datasets.renameColumn(args.id, args.position, args.name);
    ctx.events.emit('datasets.changed', { datasetId: args.id });
    return ctx.repos.datasets.get(args.id);
  },
  'datasets.setColumnType': (args, ctx) => {
    const d = ctx.repos.datasets.get(args.id);
    const col = d.columnsDetail[args.position];
    if (!col) throw new ApiError('bad_request', `Dataset '${d.name}' has no column at position ${args.position}`, { field: 'position' });
    const job = ctx.jobs.start('datasets.setColumnType', `Set ${col.name} to ${args.type}`, { datasetId: args.id, position: args.position, type: args.type }, {
      onSucceeded: (r) => {
        ctx.events.emit('datasets.changed', { datasetId: args.id });
        return r;
      },
    });
    return { jobId: job.id };
  },
  'datasets.delete': (args, ctx) => {
    const name = ctx.repos.datasets.delete(args.id);
    ctx.events.emit('datasets.changed', { datasetId: null });
    return { deleted: name };
  },
  'files.pick': async (args, ctx) => {
    if (!ctx.pickFiles) throw new ApiError('unavailable', 'The file picker belongs to the desktop app; in browser mode choose a file to upload.');
    return { paths: await ctx.pickFiles(args.title) };
  },
};
