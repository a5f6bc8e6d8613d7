/**
 * ECharts with only what dashboards draw, loaded on demand by EChart.svelte (a dynamic
 * import keeps it out of the first page load and out of server rendering).
 */
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, HeatmapChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import langRU from 'echarts/lib/i18n/langRU.js';
import { THEME_NAME, theme } from './theme.ts';

echarts.use([BarChart, LineChart, HeatmapChart, FunnelChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, AriaComponent, CanvasRenderer]);
echarts.registerTheme(THEME_NAME, theme);
echarts.registerLocale('RU', langRU as Parameters<typeof echarts.registerLocale>[1]);

export { echarts };
