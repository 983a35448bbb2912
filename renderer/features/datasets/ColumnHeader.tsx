import type { KeyboardEvent, PointerEvent } from 'react';
import type { ColumnDto } from '../../../shared/api/datasets-dto';
import { TYPE_LABEL, isNumericType } from './format';
import type { SortDir } from './table-view';

interface Props {
  column: ColumnDto;
  width: number;
  colIndex: number;
  sorted: SortDir | null;
  filtered: boolean;
  onEdit: (column: ColumnDto) => void;
  onSort: (position: number) => void;
  onFilter: (column: ColumnDto) => void;
  onResizeStart: (position: number, e: PointerEvent<HTMLElement>) => void;
  onFit: (position: number) => void;
  onNudge: (position: number, by: number) => void;
}

const SORT_WORD = { asc: 'ascending', desc: 'descending' } as const;
const SORT_ARROW = { asc: '▲', desc: '▼' } as const;

/**
 * Column name (a button that sorts: ascending, descending, unsorted), a type badge, a filter
 * button, a button to rename or retype the column, and an edge to drag (or double-click) for width.
 */
export function ColumnHeader({ column, width, colIndex, sorted, filtered, onEdit, onSort, onFilter, onResizeStart, onFit, onNudge }: Props) {
  const next = sorted === null ? 'ascending' : sorted === 'asc' ? 'descending' : 'file order';
  const onEdgeKey = (e: KeyboardEvent) => {
    const by = e.key === 'ArrowRight' ? 16 : e.key === 'ArrowLeft' ? -16 : 0;
    if (by) {
      e.preventDefault();
      onNudge(column.position, by);
    } else if (e.key === 'Enter') onFit(column.position);
  };
  return (
    <div
      className={`dt-th${isNumericType(column.type) ? ' num' : ''}${sorted ? ' sorted' : ''}`}
      role="columnheader"
      aria-colindex={colIndex}
      aria-sort={sorted ? SORT_WORD[sorted] : 'none'}
      style={{ width }}
      title={`${column.name} · ${column.type}${column.missing ? ` · ${column.missing.toLocaleString()} missing` : ''}`}
      data-testid={`column-${column.position}`}
    >
      <button
        type="button"
        className="dt-th-sort"
        onClick={() => onSort(column.position)}
        aria-label={`${column.name}: sort ${next}`}
        data-testid={`column-sort-${column.position}`}
      >
        <span className="dt-th-name">{column.name}</span>
        <span className="dt-sort-mark" aria-hidden="true">
          {sorted ? SORT_ARROW[sorted] : ''}
        </span>
      </button>
      <span className={`type-badge type-${column.type}`}>{TYPE_LABEL[column.type]}</span>
      <button
        type="button"
        className={`dt-th-icon${filtered ? ' active' : ''}`}
        onClick={() => onFilter(column)}
        aria-label={`Filter ${column.name}${filtered ? ' (filtered)' : ''}`}
        aria-pressed={filtered}
        data-testid={`column-filter-${column.position}`}
      >
        <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
          <path d="M1.5 2.5h13l-5 6v5l-3-1.5v-3.5z" fill={filtered ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth="1.3" strokeLinejoin="round" />
        </svg>
      </button>
      <button
        type="button"
        className="dt-th-icon"
        onClick={() => onEdit(column)}
        aria-label={`Rename or change the type of column ${column.name}`}
        data-testid={`column-menu-${column.position}`}
      >
        ⋯
      </button>
      <div
        className="dt-resize"
        role="separator"
        aria-orientation="vertical"
        aria-label={`Width of ${column.name}: drag, or arrow keys; double-click or Enter fits the values`}
        aria-valuenow={width}
        tabIndex={0}
        onPointerDown={(e) => onResizeStart(column.position, e)}
        onDoubleClick={() => onFit(column.position)}
        onKeyDown={onEdgeKey}
        data-testid={`column-resize-${column.position}`}
      />
    </div>
  );
}
