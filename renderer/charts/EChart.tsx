import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { LineChart, BarChart, HeatmapChart, ScatterChart, ParallelChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, VisualMapComponent, TitleComponent, ParallelComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useUi } from '../app/ui-store';

echarts.use([LineChart, BarChart, HeatmapChart, ScatterChart, ParallelChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, VisualMapComponent, TitleComponent, ParallelComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

interface Props {
  option: ChartOption;
  height?: number | string;
  testId?: string;
  /** Replace instead of merge, for charts whose series come and go. */
  notMerge?: boolean;
}

/** The one echarts wrapper: created on mount, resized with its box, disposed on unmount. */
export function EChart({ option, height = 240, testId, notMerge }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const theme = useUi((s) => s.theme);

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, theme === 'dark' ? 'dark' : undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [theme]);

  useEffect(() => {
    chart.current?.setOption({ backgroundColor: 'transparent', animation: false, ...option }, { notMerge, lazyUpdate: true });
  }, [option, notMerge, theme]);

  return <div ref={el} className="chart" style={{ height }} data-testid={testId} />;
}
