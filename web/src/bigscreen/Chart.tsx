import { type CSSProperties, useEffect, useRef } from 'react'
import { type ChartOption, echarts } from './echarts'

/**
 * An ECharts chart in a box: made once when mounted, given each new option (merged, so a refresh
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
  const chart = useRef<echarts.ECharts | null>(null)

  useEffect(() => {
    const el = box.current
    if (!el) return
    const made = echarts.init(el, 'dark', { renderer: 'canvas' })
    chart.current = made
    made.on('finished', () => {
      el.dataset.drawn = 'true'
    })
    const resize = new ResizeObserver(() => made.resize())
    resize.observe(el)
    return () => {
      resize.disconnect()
      made.dispose()
      chart.current = null
    }
  }, [])

  useEffect(() => {
    // A short first animation: the wall's first paint waits for the charts' first frames.
    chart.current?.setOption({
      backgroundColor: 'transparent',
      animationDuration: 300,
      animationDurationUpdate: 500,
      ...option,
    })
  }, [option])

  return <div ref={box} data-testid={testId} style={{ width: '100%', height: '100%', ...style }} />
}
