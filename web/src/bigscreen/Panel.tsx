import type { ReactNode } from 'react'
import styles from './bigscreen.module.css'

/** A framed panel of the screen with its title. */
export function Panel({
  title,
  extra,
  children,
  grow = 1,
  testId,
  bodyStyle,
}: {
  title: ReactNode
  extra?: ReactNode
  children: ReactNode
  /** Its share of the column's height. */
  grow?: number
  testId: string
  bodyStyle?: React.CSSProperties
}) {
  return (
    <section className={styles.panel} style={{ flex: grow }} data-testid={testId}>
      <h3 className={styles.panelTitle}>
        {title}
        {extra && <span className={styles.panelExtra}>{extra}</span>}
      </h3>
      <div className={styles.panelBody} style={bodyStyle}>
        {children}
      </div>
    </section>
  )
}
