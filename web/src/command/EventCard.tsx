import { Button, Card, Descriptions } from 'antd'
import type { CSSProperties } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { CaseState } from '../cases/cases.api'
import { LightDot, StateTag, useCaseName } from '../cases/caseText'
import { useFormatTime } from '../common/format'
import { useLocalName } from '../i18n'
import type { MapPoint } from './liveMap.api'

/** The event clicked on the map: what it is, where its loop stands, and the way to its page. */
export function EventCard({
  point,
  onClose,
  style,
}: {
  point: MapPoint
  onClose: () => void
  style: CSSProperties
}) {
  const { t } = useTranslation()
  const name = useCaseName()
  const localName = useLocalName()
  const formatTime = useFormatTime()
  return (
    <Card
      size="small"
      title={`${point.category.code} ${localName(point.category.zh, point.category.en)}`}
      extra={
        <Button type="text" onClick={onClose} aria-label={t('command.map.event.close')}>
          ×
        </Button>
      }
      data-testid="event-card"
      style={style}
      styles={{ body: { padding: 12 } }}
    >
      <Descriptions size="small" column={1} styles={{ label: { width: 80 } }}>
        <Descriptions.Item label={t('command.map.event.no')}>
          <span data-testid="event-card-no">{point.no}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('command.map.event.state')}>
          <StateTag state={point.state as CaseState} />
        </Descriptions.Item>
        <Descriptions.Item label={t('command.map.event.light')}>
          <LightDot light={point.light} />
        </Descriptions.Item>
        <Descriptions.Item label={t('command.map.event.source')}>
          {name('sources', point.source)}
        </Descriptions.Item>
        <Descriptions.Item label={t('command.map.event.urgency')}>
          {name('urgencies', point.urgency)}
        </Descriptions.Item>
        <Descriptions.Item label={t('command.map.event.reportedAt')}>
          {formatTime(point.reportedAt)}
        </Descriptions.Item>
      </Descriptions>
      <div style={{ marginTop: 8, textAlign: 'right' }}>
        <Link to={`/cases/${point.id}`} data-testid="event-card-link">
          {t('command.map.event.open')} →
        </Link>
      </div>
    </Card>
  )
}
