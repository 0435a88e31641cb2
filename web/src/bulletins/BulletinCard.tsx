import { Card, List } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useFormatTime } from '../common/format'
import { useBulletins } from './bulletins.api'

/** The workbench's 通报: the latest published bulletins of the reader's areas (none: no card). */
export function BulletinCard() {
  const { t } = useTranslation()
  const formatTime = useFormatTime()
  const list = useBulletins('published')
  const items = (list.data?.items ?? []).slice(0, 3)
  if (items.length === 0) return null
  return (
    <Card
      size="small"
      title={t('bulletins.card.title')}
      extra={<Link to="/bulletins">{t('bulletins.card.more')}</Link>}
      data-testid="bulletin-card"
    >
      <List
        size="small"
        dataSource={items}
        renderItem={(b) => (
          <List.Item extra={formatTime(b.publishedAt ?? b.composedAt)}>
            <Link to={`/bulletins/${b.id}`}>{b.title}</Link>
          </List.Item>
        )}
      />
    </Card>
  )
}
