import type { StateCreator } from 'zustand';
import type { OnnxFileDto, OnnxOutputDto } from '../../../shared/api/methods/explorer';
import { api } from '../../api/client';
import { hostPath, type FileSource } from './file-source';
import { parseTensorText, placeholderText } from './onnx-inputs';
import type { ExplorerState } from './store';

export interface OnnxSlice {
  onnx: OnnxFileDto | null;
  /** While a file is uploaded (browser mode) and read. */
  onnxOpening: { label: string; upload: number | null } | null;
  onnxError: string | null;
  /** One comma-separated text per graph input. */
  onnxTexts: Record<string, string>;
  onnxResult: { outputs: OnnxOutputDto[]; latencyUs: number } | null;
  onnxRunning: boolean;
  openOnnx(source: FileSource): Promise<void>;
  setOnnxText(input: string, text: string): void;
  runOnnx(): Promise<void>;
}

const message = (err: unknown) => (err as Error).message;

export const createOnnxSlice: StateCreator<ExplorerState, [], [], OnnxSlice> = (set, get) => ({
  onnx: null,
  onnxOpening: null,
  onnxError: null,
  onnxTexts: {},
  onnxResult: null,
  onnxRunning: false,

  async openOnnx(source) {
    set({ view: 'onnx', onnxOpening: { label: source.label, upload: source.kind === 'file' ? 0 : null }, onnxError: null });
    try {
      const path = await hostPath(source, (upload) => set({ onnxOpening: { label: source.label, upload } }));
      const onnx = await api.invoke('explorer.openOnnx', { path });
      set({ onnx, onnxOpening: null, onnxResult: null, onnxTexts: Object.fromEntries(onnx.inputs.map((i) => [i.name, placeholderText(i)])) });
    } catch (err) {
      set({ onnxOpening: null, onnxError: message(err) });
    }
  },

  setOnnxText: (input, text) => set((s) => ({ onnxTexts: { ...s.onnxTexts, [input]: text } })),

  async runOnnx() {
    const { onnx, onnxTexts } = get();
    if (!onnx) return;
    const inputs: Record<string, (number | string | boolean)[]> = {};
    for (const info of onnx.inputs) {
      const parsed = parseTensorText(info, onnxTexts[info.name] ?? '');
      if ('error' in parsed) return set({ onnxError: parsed.error });
      inputs[info.name] = parsed.values;
    }
    set({ onnxRunning: true, onnxError: null });
    try {
      set({ onnxResult: await api.invoke('explorer.runOnnx', { id: onnx.id, rows: 1, inputs }), onnxRunning: false });
    } catch (err) {
      set({ onnxError: message(err), onnxRunning: false });
    }
  },
});
