import { type ReactNode, useEffect, useState } from 'react'
import styles from './bigscreen.module.css'

/** The screen is designed at 1920×1080 and scaled as a whole to the window (letterboxed, centred). */
export const STAGE = { width: 1920, height: 1080 } as const

function scaleToWindow() {
  return Math.min(window.innerWidth / STAGE.width, window.innerHeight / STAGE.height)
}

export function ScaledStage({ children }: { children: ReactNode }) {
  const [scale, setScale] = useState(scaleToWindow)

  useEffect(() => {
    const onResize = () => setScale(scaleToWindow())
    window.addEventListener('resize', onResize)
    return () => window.removeEventListener('resize', onResize)
  }, [])

  return (
    <div className={styles.viewport}>
      <div
        className={styles.stage}
        data-testid="big-screen"
        data-scale={scale.toFixed(3)}
        style={{
          width: STAGE.width,
          height: STAGE.height,
          transform: `translate(-50%, -50%) scale(${scale})`,
        }}
      >
        {children}
      </div>
    </div>
  )
}
