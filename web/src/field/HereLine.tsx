import { EnvironmentOutlined } from '@ant-design/icons'
import { Button } from 'antd'
import { useTranslation } from 'react-i18next'
import styles from './field.module.css'
import type { Here } from './useHere'

/** Where the phone is, as a line with a button to read the position again. */
export function HereLine({
  here,
  locating,
  locate,
  testId,
}: {
  here: Here | null
  locating: boolean
  locate: () => void
  testId: string
}) {
  const { t } = useTranslation()
  return (
    <div className={styles.row}>
      <span data-testid={testId}>
        <EnvironmentOutlined />{' '}
        {here
          ? t('field.report.located', {
              lng: here.lng.toFixed(6),
              lat: here.lat.toFixed(6),
              acc: here.acc ?? '?',
            })
          : locating
            ? t('field.report.locating')
            : t('field.report.noLocation')}
      </span>
      <Button size="small" onClick={locate}>
        {t('field.report.relocate')}
      </Button>
    </div>
  )
}
