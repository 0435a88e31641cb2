import { Button, Flex, Popconfirm, Skeleton, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { useErrorText } from '../common/errorText'
import { FormAlert } from '../common/FormAlert'
import { useFormatTime } from '../common/format'
import { QueryError } from '../common/QueryError'
import { BulletinDocument } from './BulletinDocument'
import { exportHref, useBulletin, usePublishBulletin } from './bulletins.api'
import styles from './bulletins.module.css'

/** One bulletin as a printable page, with its PDF and workbook, and 发布 for a draft. */
export function BulletinPage() {
  const { t } = useTranslation()
  const { id = '' } = useParams()
  const formatTime = useFormatTime()
  const errorText = useErrorText()
  const bulletin = useBulletin(id)
  const publish = usePublishBulletin()
  const b = bulletin.data

  if (!b)
    return bulletin.error ? (
      <QueryError error={bulletin.error} />
    ) : (
      <Skeleton active paragraph={{ rows: 12 }} />
    )
  return (
    <div>
      <Flex className={styles.actions} justify="space-between" align="center" wrap gap={8}>
        <Space wrap>
          <Link to="/bulletins">{t('bulletins.back')}</Link>
          <Tag color={b.state === 'published' ? 'green' : 'default'} data-testid="bulletin-state">
            {t(`bulletins.state.${b.state}`)}
          </Tag>
          <Typography.Text type="secondary">
            {b.publishedAt
              ? t('bulletins.metaPublished', { by: b.publishedBy ?? '—', at: formatTime(b.publishedAt) })
              : t('bulletins.meta', { by: b.composedBy ?? '—', at: formatTime(b.composedAt) })}
          </Typography.Text>
        </Space>
        <Space wrap>
          <Button onClick={() => window.print()}>{t('bulletins.print')}</Button>
          <Button href={exportHref(b.id, 'pdf')} data-testid="bulletin-pdf">
            {t('bulletins.pdf')}
          </Button>
          <Button href={exportHref(b.id, 'xlsx')} data-testid="bulletin-xlsx">
            {t('bulletins.xlsx')}
          </Button>
          {b.abilities.includes('publish') && (
            <Popconfirm title={t('bulletins.publishConfirm')} onConfirm={() => publish.mutate(b.id)}>
              <Button type="primary" loading={publish.isPending} data-testid="bulletin-publish">
                {t('bulletins.publish')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </Flex>
      <div className={styles.actions}>
        <FormAlert message={publish.error ? errorText(publish.error) : null} />
      </div>
      <BulletinDocument bulletin={b} />
    </div>
  )
}
