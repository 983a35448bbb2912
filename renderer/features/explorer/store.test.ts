import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExplorerSchemaDto } from '../../../shared/api/methods/explorer';

const invoke = vi.fn();
vi.mock('../../api/client', () => ({ api: { invoke: (...a: unknown[]) => invoke(...a), on: () => () => undefined, hostKind: () => 'browser' }, uploadFile: vi.fn() }));

const { useExplorer } = await import('./store');
const { PREDICT_DEBOUNCE_MS } = await import('./model-slice');
const { previewOf } = await import('./batch-slice');

const schema: ExplorerSchemaDto = {
  model: 'm@1.0.0', runId: 'r1', runName: 'gbdt → y', modelName: 'm', version: '1.0.0', family: 'gbdt', task: 'regression', target: 'y', classes: null,
  inputs: [{ column: 'x', kind: 'numeric', min: 0, max: 10, median: 5, step: 1, categories: null, default: 5, missing: 0 }],
  interval: null, explainMethod: 'treeshap', explainSpace: 'value', datasetName: 'd',
};
const answer = (value: number) => ({ predictions: [{ value, label: null, probabilities: null, lower: null, upper: null }], explanations: null, latencyUs: 10 });
const predictCalls = () => invoke.mock.calls.filter(([m]) => m === 'explorer.predict');

beforeEach(() => {
  vi.useFakeTimers();
  invoke.mockReset();
});
afterEach(() => vi.useRealTimers());

async function open() {
  invoke.mockImplementation(async (method: string, args: { rows?: { x: number }[] }) => {
    if (method === 'explorer.schema') return schema;
    if (method === 'explorer.predict') return answer(args.rows![0].x * 10);
    throw new Error(`unexpected ${method}`);
  });
  useExplorer.getState().setModel(null);
  useExplorer.getState().setModel('m@1.0.0');
  await vi.waitFor(() => expect(useExplorer.getState().result).not.toBeNull());
}

describe('the explorer store', () => {
  it('reads the schema, starts the form at the defaults and predicts at once', async () => {
    await open();
    expect(useExplorer.getState().draft).toEqual({ x: '5' });
    expect(predictCalls()).toHaveLength(1);
    expect(predictCalls()[0][1]).toEqual({ model: 'm@1.0.0', rows: [{ x: 5 }], explain: true });
    expect(useExplorer.getState().result?.predictions[0].value).toBe(50);
  });

  it('asks once for a burst of changes, after they settle', async () => {
    await open();
    const s = useExplorer.getState();
    s.setValue('x', '6');
    s.setValue('x', '7');
    s.setValue('x', '8');
    await vi.advanceTimersByTimeAsync(PREDICT_DEBOUNCE_MS - 10);
    expect(predictCalls()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(20);
    expect(predictCalls()).toHaveLength(2);
    expect(predictCalls()[1][1].rows).toEqual([{ x: 8 }]);
    await vi.waitFor(() => expect(useExplorer.getState().result?.predictions[0].value).toBe(80));
  });

  it('keeps the row each answer is for, so a text model highlights the text it explained', async () => {
    await open();
    expect(useExplorer.getState().resultRow).toEqual({ x: 5 });
    useExplorer.getState().setValue('x', '7');
    expect(useExplorer.getState().resultRow).toEqual({ x: 5 }); // still the answered row while the next is pending
    await vi.advanceTimersByTimeAsync(PREDICT_DEBOUNCE_MS + 10);
    await vi.waitFor(() => expect(useExplorer.getState().resultRow).toEqual({ x: 7 }));
    useExplorer.getState().setModel('other');
    expect(useExplorer.getState().resultRow).toBeNull();
  });

  it('drops an answer that arrives after a newer one was asked for', async () => {
    await open();
    let release: (v: unknown) => void = () => undefined;
    invoke.mockImplementationOnce(() => new Promise((r) => (release = r)));
    const s = useExplorer.getState();
    const slow = s.predictNow();
    s.setValue('x', '9');
    await vi.advanceTimersByTimeAsync(PREDICT_DEBOUNCE_MS + 1);
    await vi.waitFor(() => expect(useExplorer.getState().result?.predictions[0].value).toBe(90));
    release(answer(-1));
    await slow;
    expect(useExplorer.getState().result?.predictions[0].value).toBe(90);
  });

  it('does not send a field that cannot be read, and keeps the last prediction', async () => {
    await open();
    useExplorer.getState().setValue('x', '');
    await vi.advanceTimersByTimeAsync(PREDICT_DEBOUNCE_MS + 1);
    expect(predictCalls()).toHaveLength(1);
    expect(useExplorer.getState().result?.predictions[0].value).toBe(50);
  });

  it('passes the class to explain', async () => {
    await open();
    useExplorer.getState().setExplainClass('b');
    await vi.advanceTimersByTimeAsync(PREDICT_DEBOUNCE_MS + 1);
    expect(predictCalls()[1][1].explainClass).toBe('b');
  });
});

describe('the batch preview', () => {
  it('reads the header and the first rows, quoted fields included', () => {
    const text = 'a,b,predicted_y\n1,"x, y",3\n4,5,6\n7,8,9\n';
    expect(previewOf(text, 2)).toEqual({ header: ['a', 'b', 'predicted_y'], rows: [['1', 'x, y', '3'], ['4', '5', '6']] });
  });
});

describe('picking a dataset row', () => {
  it('pages the rows, fills every input with the chosen one and predicts it, keeping its actual value', async () => {
    await open();
    const rows = [
      { row: 41, values: { x: 3 }, actual: 31.5 },
      { row: 42, values: { x: 9 }, actual: 88 },
    ];
    invoke.mockImplementation(async (method: string, args: { rows?: { x: number }[]; offset?: number; search?: string }) => {
      if (method === 'explorer.rows') return { total: 100, offset: args.offset, rows, search: args.search ?? null };
      if (method === 'explorer.predict') return answer(args.rows![0].x * 10);
      throw new Error(`unexpected ${method}`);
    });
    const s = useExplorer.getState();
    s.openPicker();
    await vi.waitFor(() => expect(useExplorer.getState().rowsPage?.rows).toHaveLength(2));
    expect(invoke.mock.calls.find(([m]) => m === 'explorer.rows')![1]).toEqual({ model: 'm@1.0.0', offset: 0, limit: 20 });
    await useExplorer.getState().loadRows(20, 'paris');
    expect(invoke.mock.calls.filter(([m]) => m === 'explorer.rows')[1][1]).toEqual({ model: 'm@1.0.0', offset: 20, limit: 20, search: 'paris' });

    useExplorer.getState().pickRow(rows[1]);
    expect(useExplorer.getState().draft).toEqual({ x: '9' });
    expect(useExplorer.getState().pickerOpen).toBe(false);
    expect(useExplorer.getState().picked).toMatchObject({ row: 42, actual: 88 });
    await vi.waitFor(() => expect(useExplorer.getState().result?.predictions[0].value).toBe(90));
    expect(predictCalls().at(-1)![1].rows).toEqual([{ x: 9 }]);

    // Reset leaves the row behind; another model forgets it.
    useExplorer.getState().resetForm();
    expect(useExplorer.getState().picked).toBeNull();
    useExplorer.getState().pickRow(rows[0]);
    useExplorer.getState().setModel(null);
    expect(useExplorer.getState().picked).toBeNull();
    expect(useExplorer.getState().rowsPage).toBeNull();
  });
});
