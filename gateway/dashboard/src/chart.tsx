// A chart: ECharts (echarts.ts, its own chunk, fetched the first time a chart is shown) in a box
// described for screen readers; each chart is followed by its data as a table where it is used.
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { useEffect, useRef, useState } from 'preact/hooks';

export const loadECharts = () => import('./echarts');

export function Chart(props: { option: EChartsCoreOption; label: string; height?: number; onClick?: (name: string, data: any) => void; testId?: string }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | undefined>(undefined);
  const [ready, setReady] = useState(false);
  const click = useRef(props.onClick);
  click.current = props.onClick;
  useEffect(() => {
    let live = true;
    let resize: ResizeObserver | undefined;
    loadECharts().then(({ init }) => {
      if (!live || !element.current) return;
      chart.current = init(element.current, undefined, { renderer: 'svg' });
      chart.current.on('click', (event: any) => click.current?.(event.name, event.data));
      resize = new ResizeObserver(() => chart.current?.resize());
      resize.observe(element.current);
      setReady(true);
    });
    return () => {
      live = false;
      resize?.disconnect();
      chart.current?.dispose();
    };
  }, []);
  useEffect(() => {
    if (ready) chart.current!.setOption({ aria: { enabled: true, label: { description: props.label } }, animation: false, ...props.option }, true);
  }, [ready, props.option, props.label]);
  return <div ref={element} class="chart" role="img" aria-label={props.label} data-testid={props.testId} style={{ height: `${props.height ?? 320}px` }} />;
}
