import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { LAYER_INFO, PRESET_INFO, type LayerType, type PresetName } from '../../../shared/nn/index';
import type { ParamSpec } from '../../../shared/families/index';
import { addLayer, archText, fieldValue, layersOf, moveLayer, presetLayers, removeLayer, setField, summarize, TABLE_LAYER_TYPES, TABLE_PRESETS, type EditedLayer, type Head } from './arch-editor';
import { NetworkSummaryTable } from './NetworkSummaryTable';
import './nn.css';

export interface ArchitectureEditorProps {
  /** The architecture JSON ('' = the preset of the family's hidden layers and dropout). */
  arch: string;
  onChange: (arch: string) => void;
  /** The family's sizes, for the default network and the presets. */
  sizes: { hidden: number[]; dropout: number };
  /** Numbers per row the network reads, as far as the form knows (the host sets the exact width). */
  features: number;
  head: Head;
}

function FieldInput({ name, spec, value, layerIndex, onChange }: { name: string; spec: ParamSpec; value: unknown; layerIndex: number; onChange: (v: unknown) => void }) {
  const id = `nn-layer-${layerIndex}-${name}`;
  const control =
    spec.kind === 'enum' || spec.kind === 'bool' ? (
      <select id={id} value={String(value ?? spec.default)} onChange={(e) => onChange(fieldValue(spec.kind, e.target.value))} data-testid={id}>
        {(spec.kind === 'bool' ? ['true', 'false'] : spec.choices).map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    ) : (
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={String(value ?? spec.default)}
        onChange={(e) => onChange(fieldValue(spec.kind, e.target.value))}
        title={spec.help}
        data-testid={id}
      />
    );
  return (
    <label className="nn-field" htmlFor={id} title={spec.help}>
      <span className="muted">{spec.label}</span>
      {control}
    </label>
  );
}

/**
 * The network of a run as a list of layers: a preset to start from, layers added, removed and moved (with
 * the buttons, or Alt+↑/↓ and Delete on a focused layer), each field from the layer's schema, and a summary
 * (shapes, parameters, size) that names a bad layer as it is typed.
 */
export function ArchitectureEditor(p: ArchitectureEditorProps) {
  const custom = p.arch.trim() !== '';
  const layers = useMemo<EditedLayer[]>(() => (custom ? (layersOf(p.arch) ?? []) : presetLayers('mlp', p.sizes, p.head)), [custom, p.arch, p.sizes, p.head]);
  const summary = useMemo(() => summarize(layers, p.features), [layers, p.features]);
  const [adding, setAdding] = useState<LayerType>('dense');
  const list = useRef<HTMLOListElement>(null);
  const errorAt = new Map(summary.errors.filter((e) => e.layer !== null).map((e) => [e.layer!.split('.')[0], e.message]));

  const commit = (next: EditedLayer[], focus?: number) => {
    p.onChange(archText(next));
    if (focus !== undefined) requestAnimationFrame(() => list.current?.querySelector<HTMLElement>(`[data-layer="${focus}"]`)?.focus());
  };
  const onKey = (e: KeyboardEvent<HTMLLIElement>, at: number) => {
    if (e.target !== e.currentTarget) return;
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      const r = moveLayer(layers, at, e.key === 'ArrowUp' ? -1 : 1);
      commit(r.layers, r.at);
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      list.current?.querySelector<HTMLElement>(`[data-layer="${at + (e.key === 'ArrowUp' ? -1 : 1)}"]`)?.focus();
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      commit(removeLayer(layers, at), Math.min(at, layers.length - 2));
    }
  };

  return (
    <fieldset className="run-fieldset nn-editor" data-testid="arch-editor">
      <legend>Architecture</legend>
      <div className="nn-toolbar">
        <label className="nn-field">
          <span className="muted">Preset</span>
          <select
            value=""
            onChange={(e) => e.target.value && commit(presetLayers(e.target.value as PresetName, p.sizes, p.head))}
            data-testid="arch-preset"
            aria-label="Start from a preset"
          >
            <option value="">Start from…</option>
            {TABLE_PRESETS.map((n) => (
              <option key={n} value={n} title={PRESET_INFO[n].help}>
                {PRESET_INFO[n].label}
              </option>
            ))}
          </select>
        </label>
        <label className="nn-field">
          <span className="muted">Layer</span>
          <select value={adding} onChange={(e) => setAdding(e.target.value as LayerType)} data-testid="arch-add-type" aria-label="Type of the layer to add">
            {TABLE_LAYER_TYPES.map((t) => (
              <option key={t} value={t}>
                {LAYER_INFO[t].label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="small" onClick={() => { const r = addLayer(layers, adding); commit(r.layers, r.at); }} data-testid="arch-add">
          Add layer
        </button>
        {custom && (
          <button type="button" className="small secondary" onClick={() => p.onChange('')} data-testid="arch-reset" title="Back to dense layers from Hidden layers and Dropout">
            Use hidden layers
          </button>
        )}
        <span className="muted nn-hint">{custom ? 'Custom network' : 'From Hidden layers and Dropout'} · Alt+↑/↓ moves the focused layer, Delete removes it</span>
      </div>
      <ol className="nn-layers" ref={list} aria-label="Layers">
        {layers.map((l, i) => {
          const fields = l.type === 'residual' ? {} : LAYER_INFO[l.type].fields;
          const problem = errorAt.get(String(i));
          return (
            <li
              key={i}
              tabIndex={0}
              data-layer={i}
              className={`nn-layer${problem ? ' nn-layer-bad' : ''}`}
              onKeyDown={(e) => onKey(e, i)}
              aria-label={`Layer ${i}: ${LAYER_INFO[l.type].label}${problem ? `, ${problem}` : ''}`}
              data-testid={`arch-layer-${i}`}
            >
              <span className="mono nn-index">{i}</span>
              <span className="nn-type">{LAYER_INFO[l.type].label}</span>
              <span className="nn-fields">
                {l.type === 'residual' && <span className="muted">{l.layers.length} layers inside</span>}
                {l.type === 'output' && <span className="muted">Size and activation follow the task</span>}
                {l.type !== 'output' && Object.entries(fields).map(([k, spec]) => (
                  <FieldInput key={k} name={k} spec={spec} layerIndex={i} value={(l as Record<string, unknown>)[k]} onChange={(v) => commit(setField(layers, i, k, v))} />
                ))}
              </span>
              <span className="nn-actions">
                <button type="button" className="small secondary" disabled={i === 0} onClick={() => { const r = moveLayer(layers, i, -1); commit(r.layers, r.at); }} aria-label={`Move layer ${i} up`}>
                  ↑
                </button>
                <button type="button" className="small secondary" disabled={i === layers.length - 1} onClick={() => { const r = moveLayer(layers, i, 1); commit(r.layers, r.at); }} aria-label={`Move layer ${i} down`}>
                  ↓
                </button>
                <button type="button" className="small danger-outline" onClick={() => commit(removeLayer(layers, i))} aria-label={`Remove layer ${i}`} data-testid={`arch-remove-${i}`}>
                  ✕
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <p className="muted small-note">
        Input: {p.features} number{p.features === 1 ? '' : 's'} per row as far as the form can tell (one-hot levels and missing-value flags add more; the run uses the exact width). The output head follows the task.
      </p>
      <NetworkSummaryTable summary={summary} testId="arch-summary" />
    </fieldset>
  );
}
