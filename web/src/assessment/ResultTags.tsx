import { Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Result } from './assessment.api'
import styles from './assessment.module.css'

/** 升降: ↑2 in green, ↓1 in red, — unchanged, 新 for a subject not ranked the period before. */
export function Movement({ movement }: { movement: number | null }) {
  const { t } = useTranslation()
  if (movement === null)
    return (
      <Tag color="blue" className={styles.newTag} data-testid="movement" data-movement="new">
        {t('assessment.movement.new')}
      </Tag>
    )
  if (movement === 0)
    return (
      <span
        title={t('assessment.movement.same')}
        className={styles.same}
        data-testid="movement"
        data-movement="0"
      >
        —
      </span>
    )
  const up = movement > 0
  return (
    <span
      className={up ? styles.up : styles.down}
      title={t(`assessment.movement.${up ? 'up' : 'down'}`, { n: Math.abs(movement) })}
      data-testid="movement"
      data-movement={movement}
    >
      {up ? '↑' : '↓'}
      {Math.abs(movement)}
    </span>
  )
}

/** 星级 as stars; none as —. */
export function Stars({ stars }: { stars: number }) {
  const { t } = useTranslation()
  if (stars <= 0) return <Typography.Text type="secondary">—</Typography.Text>
  return (
    <span className={styles.stars} title={`${stars} ${t('assessment.columns.stars')}`} data-stars={stars}>
      {'★'.repeat(stars)}
    </span>
  )
}

/** 红榜 / 黑榜. */
export function ListTag({ list }: { list: Result['list'] }) {
  const { t } = useTranslation()
  if (!list) return null
  return (
    <Tag color={list === 'red' ? 'red' : 'default'} className={list === 'black' ? styles.black : undefined}>
      {t(`assessment.lists.${list}`)}
    </Tag>
  )
}
