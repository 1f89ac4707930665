/**
 * The parts of ECharts the dashboard uses, registered once on `echarts/core` so that the bundle only
 * carries bar and pie charts (and a line series, used only to draw a threshold marker) (the map chart is registered by the choropleth view when it is needed).
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

/** `echarts/core` with the dashboard's charts registered. */
export { echarts };
