import type { ColumnDto } from '../../../shared/api/datasets-dto';
import { FormField } from '../experiments/FormField';
import { groupColumns, textColumns, timeColumns, type Bucket } from './columns';
import { useText } from './store';

const options = (cols: ColumnDto[]) =>
  cols.map((c) => (
    <option key={c.name} value={c.name}>
      {c.name} · {c.type}
    </option>
  ));

/** Which texts: the dataset, its text column, and optionally a date and a group column. */
export function SourcePicker() {
  const s = useText();
  const ready = s.columns.length > 0;
  const texts = textColumns(s.columns);
  const times = timeColumns(s.columns);
  const groups = groupColumns(s.columns).filter((c) => c.name !== s.text);
  return (
    <div className="text-source" data-testid="text-source">
      <FormField label="Dataset" name="dataset">
        <select value={s.datasetId} onChange={(e) => void s.pickDataset(e.target.value)} data-testid="text-dataset">
          {s.datasets.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name} ({d.rows.toLocaleString()} rows)
            </option>
          ))}
        </select>
      </FormField>
      <FormField label="Text" name="text">
        <select value={s.text} onChange={(e) => s.patch({ text: e.target.value })} disabled={!ready || texts.length === 0} data-testid="text-column">
          {texts.length === 0 && <option value="">{ready ? 'No text column' : 'Reading columns…'}</option>}
          {options(texts)}
        </select>
      </FormField>
      <FormField label="Date" name="time" hint="optional">
        <select value={s.time} onChange={(e) => s.patch({ time: e.target.value })} disabled={!ready || times.length === 0} data-testid="text-time">
          <option value="">{times.length === 0 ? 'No date column' : 'None'}</option>
          {options(times)}
        </select>
      </FormField>
      <FormField label="Per" name="bucket">
        <select value={s.bucket} onChange={(e) => s.patch({ bucket: e.target.value as Bucket })} disabled={!s.time} data-testid="text-bucket">
          <option value="auto">Automatic</option>
          <option value="day">Day</option>
          <option value="week">Week</option>
          <option value="month">Month</option>
        </select>
      </FormField>
      <FormField label="Group" name="by" hint="optional">
        <select value={s.by} onChange={(e) => s.patch({ by: e.target.value })} disabled={!ready || groups.length === 0} data-testid="text-group">
          <option value="">{groups.length === 0 ? 'No group column' : 'None'}</option>
          {options(groups)}
        </select>
      </FormField>
    </div>
  );
}
