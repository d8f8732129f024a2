// Apache ECharts, imported by part: the bar, line and map charts and the components they use, drawn as
// SVG. Each chart is described for screen readers (aria) and followed by its data as a table.
import { BarChart, LineChart, MapChart } from 'echarts/charts';
import { AriaComponent, GeoComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, registerMap, type EChartsCoreOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'preact/hooks';

use([BarChart, LineChart, MapChart, AriaComponent, GeoComponent, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export { registerMap };

export function Chart(props: { option: EChartsCoreOption; label: string; height?: number; onClick?: (name: string, data: any) => void; testId?: string }) {
  const element = useRef<HTMLDivElement>(null);
  const click = useRef(props.onClick);
  click.current = props.onClick;
  useEffect(() => {
    const chart = init(element.current!, undefined, { renderer: 'svg' });
    chart.on('click', (event: any) => click.current?.(event.name, event.data));
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(element.current!);
    (element.current as any).__chart = chart;
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, []);
  useEffect(() => {
    const chart = (element.current as any).__chart;
    chart.setOption({ aria: { enabled: true, label: { description: props.label } }, animation: false, ...props.option }, true);
  }, [props.option, props.label]);
  return <div ref={element} class="chart" role="img" aria-label={props.label} data-testid={props.testId} style={{ height: `${props.height ?? 320}px` }} />;
}
