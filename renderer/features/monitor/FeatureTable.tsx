import { useRef, type KeyboardEvent } from 'react';
import type { DriftFeatureDto } from '../../../shared/api/monitor-dto';
import { effectParts, pText } from './drift-charts';

const stat = (v: number) => (!Number.isFinite(v) ? '–' : v.toFixed(3));

interface Props {
  features: DriftFeatureDto[];
  selected: string | null;
  onSelect(name: string): void;
}

/** Every compared feature, worst first; a row opens its distributions (click, or arrows and Enter). */
export function FeatureTable({ features, selected, onSelect }: Props) {
  const body = useRef<HTMLTableSectionElement>(null);
  const move = (e: KeyboardEvent<HTMLTableRowElement>, i: number) => {
    const next = e.key === 'ArrowDown' ? i + 1 : e.key === 'ArrowUp' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? features.length - 1 : null;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(features[i].name);
      return;
    }
    if (next === null || next < 0 || next >= features.length) return;
    e.preventDefault();
    onSelect(features[next].name);
    (body.current?.children[next] as HTMLElement | undefined)?.focus();
  };
  return (
    <div className="monitor-table-wrap">
      <table className="table monitor-table" data-testid="drift-features" aria-label="Features by severity">
        <thead>
          <tr>
            <th>Feature</th>
            <th>Severity</th>
            <th>Test</th>
            <th className="num">Statistic</th>
            <th className="num" title="Benjamini–Hochberg adjusted over the features">p (BH)</th>
            <th>Effect</th>
          </tr>
        </thead>
        <tbody ref={body}>
          {features.map((f, i) => (
            <tr
              key={f.name}
              tabIndex={f.name === selected || (!selected && i === 0) ? 0 : -1}
              aria-selected={f.name === selected}
              className={f.name === selected ? 'selected' : undefined}
              onClick={() => onSelect(f.name)}
              onKeyDown={(e) => move(e, i)}
              data-testid={`drift-feature-${f.name}`}
            >
              <td>
                <span className="monitor-feature-name">{f.name}</span> <span className="muted">{f.kind === 'numeric' ? 'number' : 'category'}</span>
              </td>
              <td>
                <span className={`badge severity-${f.severity}`} data-testid="drift-severity">
                  {f.severity}
                </span>
              </td>
              <td>{f.test === 'ks' ? 'KS' : 'χ²'}</td>
              <td className="num">{stat(f.statistic)}</td>
              <td className="num nowrap">{pText(f.adjustedPValue)}</td>
              <td className="mono monitor-effect">
                {effectParts(f).map((x) => (
                  <span key={x}>{x}</span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
