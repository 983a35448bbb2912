import { useId, useRef } from 'react';
import type { ExplorerInputDto } from '../../../shared/api/methods/explorer';
import { defaultText, fieldProblem, outsideRange, sliderValue, toDateText } from './form-values';
import { formatValue } from './explain';

interface Props {
  input: ExplorerInputDto;
  text: string | null;
  onChange: (text: string | null) => void;
}

const MISSING = '\u0000missing';
const KIND_LABEL: Record<ExplorerInputDto['kind'], string> = { numeric: 'number', boolean: 'bool', categorical: 'category', date: 'date', text: 'text' };

const rangeText = (input: ExplorerInputDto) => {
  if (input.min === null || input.max === null) return null;
  const f = input.kind === 'date' ? toDateText : formatValue;
  return `${f(input.min)} – ${f(input.max)}`;
};

/** One input of the what-if form, with the control its kind calls for; any value can be marked missing. */
export function InputField({ input, text, onChange }: Props) {
  const id = useId();
  // Unticking "missing" brings back what was there before.
  const last = useRef<string | null>(text);
  if (text !== null) last.current = text;
  const missing = text === null;
  const problem = fieldProblem(input, text);
  const outside = outsideRange(input, text);
  const range = rangeText(input);
  const isSelect = input.kind === 'categorical' || input.kind === 'boolean';
  const restore = () => last.current ?? defaultText(input) ?? (input.kind === 'numeric' ? String(input.median ?? 0) : '');

  return (
    <div className={`whatif-field${missing ? ' is-missing' : ''}`} data-testid={`field-${input.column}`} data-kind={input.kind}>
      <div className="whatif-field-head">
        <label htmlFor={id} className="whatif-label" title={input.column}>
          {input.column}
        </label>
        <span className="type-badge">{KIND_LABEL[input.kind]}</span>
        {!isSelect && (
          <label className="whatif-missing">
            <input type="checkbox" checked={missing} onChange={(e) => onChange(e.target.checked ? null : restore())} aria-label={`${input.column} is missing`} data-testid={`missing-${input.column}`} />
            <span>missing</span>
          </label>
        )}
      </div>
      {input.kind === 'numeric' && (
        <div className="whatif-numeric">
          {input.min !== null && input.max !== null && input.max > input.min && (
            <input
              type="range"
              min={input.min}
              max={input.max}
              step={input.step ?? 'any'}
              value={sliderValue(input, text)}
              disabled={missing}
              onChange={(e) => onChange(e.target.value)}
              aria-label={`${input.column} (slider)`}
              data-testid={`slider-${input.column}`}
            />
          )}
          <input
            id={id}
            type="number"
            step={input.step ?? 'any'}
            value={text ?? ''}
            disabled={missing}
            placeholder={missing ? 'missing' : undefined}
            onChange={(e) => onChange(e.target.value)}
            aria-invalid={problem !== null}
            data-testid={`input-${input.column}`}
          />
        </div>
      )}
      {input.kind === 'date' && (
        <input
          id={id}
          type="date"
          value={text ?? ''}
          disabled={missing}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={problem !== null}
          data-testid={`input-${input.column}`}
        />
      )}
      {isSelect && (
        <select id={id} value={missing ? MISSING : text} onChange={(e) => onChange(e.target.value === MISSING ? null : e.target.value)} data-testid={`input-${input.column}`}>
          {text !== null && !(input.categories ?? []).includes(text) && <option value={text}>{text}</option>}
          {(input.categories ?? []).map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
          <option value={MISSING}>(missing)</option>
        </select>
      )}
      {input.kind === 'text' && (
        <textarea id={id} rows={2} value={text ?? ''} disabled={missing} onChange={(e) => onChange(e.target.value)} data-testid={`input-${input.column}`} />
      )}
      <div className="whatif-field-foot">
        {problem ? (
          <span className="field-error">{problem}</span>
        ) : outside ? (
          <span className="warn-text" data-testid={`outside-${input.column}`}>
            outside training range{range ? ` (${range})` : ''}
          </span>
        ) : range ? (
          <span className="muted">
            trained on {range}
            {input.missing > 0 ? ` · ${Math.round(input.missing * 1000) / 10}% missing` : ''}
          </span>
        ) : input.missing > 0 ? (
          <span className="muted">{Math.round(input.missing * 1000) / 10}% missing in training</span>
        ) : null}
      </div>
    </div>
  );
}
