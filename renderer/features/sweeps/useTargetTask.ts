import { useEffect, useState } from 'react';
import type { ColumnDto } from '../../../shared/api/datasets-dto';
import { MAX_AUTO_CLASSES, type Task } from '../../../shared/families/index';
import { api } from '../../api/client';
import { targetTask } from './sweep-form';

/** The task the host will decide for this target, read from the column's first distinct values; null until known. */
export function useTargetTask(datasetId: string, column: ColumnDto | undefined): Task | null {
  const [found, setFound] = useState<{ key: string; task: Task } | null>(null);
  const key = column ? `${datasetId}\u0000${column.position}` : '';
  useEffect(() => {
    if (!column || !datasetId) return;
    let live = true;
    api
      .invoke('datasets.columnValues', { id: datasetId, position: column.position, limit: MAX_AUTO_CLASSES + 1 })
      .then((r) => live && setFound({ key, task: targetTask(column.type, r.values.map((v) => v.value)) }))
      // Unknown: every objective stays offered and the host checks the one chosen.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [datasetId, column, key]);
  return found && found.key === key ? found.task : null;
}
