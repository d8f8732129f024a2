// Apache ECharts, imported by part: the bar, line and map charts and the components they use, drawn as
// SVG. Loaded on demand by chart.tsx, so the league table does not wait for it.
import { BarChart, LineChart, MapChart } from 'echarts/charts';
import { AriaComponent, GeoComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, registerMap, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, LineChart, MapChart, AriaComponent, GeoComponent, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export { init, registerMap };
