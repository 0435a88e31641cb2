import { Tag, Tooltip } from 'antd'
import { useTranslation } from 'react-i18next'

/** A case whose deadlines ran into a year with no holiday arrangement loaded: they may be off. */
export function UnknownYearsTag({ years }: { years: readonly number[] }) {
  const { t } = useTranslation()
  if (years.length === 0) return null
  return (
    <Tooltip title={t('caseConfig.calendar.unknownYearsTip', { years: years.join(', ') })}>
      <Tag color="warning" data-testid="case-unknown-years">
        {t('caseConfig.calendar.unknownYearsTag')}
      </Tag>
    </Tooltip>
  )
}
