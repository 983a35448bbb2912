import { useMemo } from 'react';
import { EChart } from '../../charts/EChart';
import { useUi } from '../../app/ui-store';
import { correlationOption } from './profile-charts';

/** The correlation matrix as a heatmap; its size follows the number of columns. */
export function CorrelationHeatmap({ columns, matrix }: { columns: string[]; matrix: number[][] }) {
  const dark = useUi((s) => s.theme === 'dark');
  const option = useMemo(() => correlationOption(columns, matrix, dark), [columns, matrix, dark]);
  const height = Math.min(720, Math.max(280, columns.length * 26 + 140));
  return (
    <div className="heatmap" role="img" aria-label={`Correlation heatmap of ${columns.length} numeric columns`}>
      <EChart option={option} height={height} testId="correlation-heatmap" notMerge />
    </div>
  );
}
