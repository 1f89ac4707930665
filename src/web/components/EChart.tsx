/** A React wrapper around one ECharts instance (echarts/core with the charts registered by the caller). */
import { useEffect, useRef } from 'react';
import type { ECElementEvent, EChartsCoreOption } from 'echarts/core';
import { echarts } from './echarts-setup';

/** Props of {@link EChart}. */
export interface EChartProps {
  option: EChartsCoreOption;
  height?: number;
  /** Called with the clicked element (series item). */
  onClick?: (event: ECElementEvent) => void;
  testId?: string;
}

/** Renders `option` into a canvas that follows the width of its container. */
export function EChart({ option, height = 280, onClick, testId }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    chart.on('click', (event) => clickRef.current?.(event as ECElementEvent));
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} style={{ width: '100%', height }} data-testid={testId} />;
}
