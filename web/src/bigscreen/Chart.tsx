import { type CSSProperties, useEffect, useRef, useState } from 'react'
import type { ChartOption, echarts } from './echarts'

/**
 * ECharts in a chunk of its own, asked for by the route as it is entered (routes.tsx) and by the
 * first chart: the page's chunk is read without it, so the map is made while ECharts still loads.
 */
export const loadECharts = () => import('./echarts')

/**
 * An ECharts chart in a box: made once ECharts is loaded, given each new option (merged, so a refresh
 * animates from the old figures), resized with its box, disposed when unmounted. `data-drawn` is set
 * once the first frame is drawn (the journey and the benchmark wait for it).
 */
export function Chart({
  option,
  style,
  testId,
}: {
  option: ChartOption
  style?: CSSProperties
  testId: string
}) {
  const box = useRef<HTMLDivElement>(null)
  const [chart, setChart] = useState<echarts.ECharts | null>(null)

  useEffect(() => {
    const el = box.current
    if (!el) return
    let made: echarts.ECharts | null = null
    let resize: ResizeObserver | null = null
    let gone = false
    void loadECharts().then(({ echarts }) => {
      if (gone) return
      const chart = echarts.init(el, 'dark', { renderer: 'canvas' })
      made = chart
      chart.on('finished', () => {
        el.dataset.drawn = 'true'
      })
      resize = new ResizeObserver(() => chart.resize())
      resize.observe(el)
      setChart(chart)
    })
    return () => {
      gone = true
      resize?.disconnect()
      made?.dispose()
      setChart(null)
    }
  }, [])

  useEffect(() => {
    // No first animation: the wall's first paint is one frame of each chart, not a run of frames
    // drawn while the map draws too; refreshes still move from the old figures to the new.
    chart?.setOption({
      backgroundColor: 'transparent',
      animationDuration: 0,
      animationDurationUpdate: 500,
      ...option,
    })
  }, [chart, option])

  return <div ref={box} data-testid={testId} style={{ width: '100%', height: '100%', ...style }} />
}
