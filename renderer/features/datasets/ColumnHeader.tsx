import type { ColumnDto } from '../../../shared/api/datasets-dto';
import { TYPE_LABEL, isNumericType } from './format';

interface Props {
  column: ColumnDto;
  width: number;
  colIndex: number;
  onEdit: (column: ColumnDto) => void;
}

/** Column name, a type badge, and a button to rename the column or change its type. */
export function ColumnHeader({ column, width, colIndex, onEdit }: Props) {
  return (
    <div
      className={`dt-th${isNumericType(column.type) ? ' num' : ''}`}
      role="columnheader"
      aria-colindex={colIndex}
      style={{ width }}
      title={`${column.name} · ${column.type}${column.missing ? ` · ${column.missing.toLocaleString()} missing` : ''}`}
      data-testid={`column-${column.position}`}
    >
      <span className="dt-th-name">{column.name}</span>
      <span className={`type-badge type-${column.type}`}>{TYPE_LABEL[column.type]}</span>
      <button
        type="button"
        className="dt-th-menu"
        onClick={() => onEdit(column)}
        aria-label={`Rename or change the type of column ${column.name}`}
        data-testid={`column-menu-${column.position}`}
      >
        ⋯
      </button>
    </div>
  );
}
