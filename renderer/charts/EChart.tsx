import { useEffect, useMemo, useRef, useState } from 'react';
import * as echarts from 'echarts/core';
import { LineChart, BarChart, HeatmapChart, ScatterChart, ParallelChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, VisualMapComponent, TitleComponent, ParallelComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useUi } from '../app/ui-store';
import { withWheelPolicy, zoomsWithCtrlWheel } from './wheel-zoom';

echarts.use([LineChart, BarChart, HeatmapChart, ScatterChart, ParallelChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, VisualMapComponent, TitleComponent, ParallelComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

interface Props {
  option: ChartOption;
  height?: number | string;
  testId?: string;
  /** Replace instead of merge, for charts whose series come and go. */
  notMerge?: boolean;
}

/** How long the "Ctrl + scroll to zoom" hint stays after a plain wheel over a zoomable chart. */
const HINT_MS = 1400;

/**
 * The one echarts wrapper: created on mount, resized with its box, disposed on unmount. The wheel
 * scrolls the page over a chart; zooming takes Ctrl (see wheel-zoom.ts), and a plain wheel over a
 * zoomable chart says so for a moment.
 */
export function EChart({ option, height = 240, testId, notMerge }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const theme = useUi((s) => s.theme);
  const calm = useMemo(() => withWheelPolicy(option), [option]);
  const zoomable = zoomsWithCtrlWheel(calm);
  const [hint, setHint] = useState(false);

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
    chart.current?.setOption({ backgroundColor: 'transparent', animation: false, ...calm }, { notMerge, lazyUpdate: true });
  }, [calm, notMerge, theme]);

  // echarts' roam controller takes every wheel over an inside zoom (preventDefault included), whatever
  // the zoom's own setting: a plain wheel is stopped here, before it reaches the chart, so it scrolls
  // the page; Ctrl+wheel goes on to the chart.
  useEffect(() => {
    if (!zoomable || !wrap.current) return;
    const box = wrap.current;
    let t: ReturnType<typeof setTimeout> | undefined;
    const onWheel = (e: WheelEvent) => {
      if (e.ctrlKey) return;
      e.stopPropagation();
      setHint(true);
      clearTimeout(t);
      t = setTimeout(() => setHint(false), HINT_MS);
    };
    box.addEventListener('wheel', onWheel, { passive: true, capture: true });
    return () => {
      box.removeEventListener('wheel', onWheel, { capture: true });
      clearTimeout(t);
    };
  }, [zoomable]);

  return (
    <div ref={wrap} className="chart-wrap">
      <div ref={el} className="chart" style={{ height }} data-testid={testId} />
      {hint && (
        <div className="chart-hint" aria-hidden data-testid="chart-hint">
          Ctrl + scroll to zoom
        </div>
      )}
    </div>
  );
}
