// ECharts, only the pieces the big screen draws: line, bar and pie charts on a canvas, with grid,
// tooltip and legend. The full package is several times larger; this chunk is loaded with /screen only.
import { BarChart, LineChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([LineChart, BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer])

export type ChartOption = echarts.EChartsCoreOption
export { echarts }
