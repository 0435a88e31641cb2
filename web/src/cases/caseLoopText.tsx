import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Duration, SupervisionGrade } from './cases.api'
import { useCaseName } from './caseText'

export const SUPERVISION_GRADES: readonly SupervisionGrade[] = ['normal', 'yellow', 'red']

const GRADE_COLORS: Record<SupervisionGrade, string> = { normal: 'blue', yellow: 'gold', red: 'red' }

/** The 督办 grade in force on a case: 督办 (a notice), 黄牌 (overdue) or 红牌 (well overdue, the heads told). */
export function SupervisionTag({ grade }: { grade: SupervisionGrade | null }) {
  const name = useCaseName()
  if (!grade) return null
  return (
    <Tag color={GRADE_COLORS[grade]} data-testid="case-supervision" data-grade={grade}>
      {name('supervision', grade)}
    </Tag>
  )
}

/** Working time as the calendar counts it: N working hours, or N working days. */
export function useDurationText() {
  const { t } = useTranslation()
  return (d: Duration) =>
    'hours' in d ? t('cases.duration.hours', { n: d.hours }) : t('cases.duration.days', { n: d.days })
}

/** Metres as a person reads them: "35 m", "1.2 km". */
export const metres = (m: number) => (m < 1000 ? `${Math.round(m)} m` : `${(m / 1000).toFixed(1)} km`)
