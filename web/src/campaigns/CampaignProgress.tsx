import { Progress, Space, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { STATE_COLOURS, TASK_STATES, type TaskState } from './campaigns.api'

/** Doors by state as tags, beside the share done. */
export function StateCounts({ counts }: { counts: Record<TaskState, number> }) {
  const { t } = useTranslation()
  return (
    <Space size={[4, 4]} wrap>
      {TASK_STATES.filter((s) => (counts[s] ?? 0) > 0).map((s) => (
        <Tag key={s} color={STATE_COLOURS[s]} data-testid={`count-${s}`}>
          {t(`campaigns.states.${s}`)} {counts[s]}
        </Tag>
      ))}
    </Space>
  )
}

export function ShareDone({ progress }: { progress: number }) {
  return <Progress percent={Math.round(progress * 1000) / 10} size="small" style={{ minWidth: 120 }} />
}
