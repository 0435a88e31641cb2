import { Alert, Button, Card, Descriptions, Progress, Space, Table, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useFormatTime } from '../common/format'
import { QueryError } from '../common/QueryError'
import { useAction } from '../common/useAction'
import { type DataKeyStatus, dataKeysKey, startRotation, useDataKeys } from './datakeys.api'

type Count = DataKeyStatus['values'][number]

/** 配置 → 数据密钥: which key seals how many values, and the re-encryption after a rotation (security administrator). */
export function DataKeysPage() {
  const { t } = useTranslation()
  const formatTime = useFormatTime()
  const status = useDataKeys()
  const start = useAction(() => startRotation(), {
    invalidate: [dataKeysKey],
    success: t('dataKeys.started'),
  })
  if (status.error) return <QueryError error={status.error} />
  const data = status.data
  const rotation = data?.rotation
  const running = rotation?.status === 'running'

  const keyTag = (keyId: string) => {
    if (keyId === 'legacy') return <Tag>{t('dataKeys.legacy')}</Tag>
    if (keyId === data?.currentKeyId) return <Tag color="green">{`${keyId} · ${t('dataKeys.current')}`}</Tag>
    return <Tag color="orange">{`${keyId} · ${t('dataKeys.retired')}`}</Tag>
  }
  const total = data?.values.reduce((n, v) => n + v.count, 0) ?? 0

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('dataKeys.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('dataKeys.intro')}</Typography.Paragraph>
      <Card loading={status.isLoading}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('dataKeys.algorithm')}>{data?.algorithm}</Descriptions.Item>
          <Descriptions.Item label={t('dataKeys.keys')}>
            <Space wrap>
              {data?.keyIds.map((id) => (
                <span key={id}>{keyTag(id)}</span>
              ))}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {data &&
        (data.valuesUnderRetiredKeys > 0 ? (
          <Alert
            type="warning"
            showIcon
            message={t('dataKeys.underRetired', { count: data.valuesUnderRetiredKeys })}
          />
        ) : (
          <Alert type="success" showIcon message={t('dataKeys.allCurrent')} />
        ))}
      <Card
        title={t('dataKeys.lastRun')}
        extra={
          <Button
            type="primary"
            loading={start.isPending || running}
            onClick={() => start.mutate(undefined)}
            data-testid="start-rotation"
          >
            {running ? t('dataKeys.running') : t('dataKeys.start')}
          </Button>
        }
      >
        {rotation ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <Tag
                color={rotation.status === 'done' ? 'green' : rotation.status === 'failed' ? 'red' : 'blue'}
              >
                {t(`dataKeys.statuses.${rotation.status}`)}
              </Tag>
              {keyTag(rotation.targetKeyId)}
              <Typography.Text>{t('dataKeys.rowsDone', { count: rotation.rowsDone })}</Typography.Text>
            </Space>
            {running && total > 0 && (
              <Progress
                percent={Math.min(99, Math.round((rotation.rowsDone / total) * 100))}
                status="active"
              />
            )}
            <Typography.Text type="secondary">
              {t('dataKeys.startedBy', { who: rotation.startedBy, at: formatTime(rotation.startedAt) })}
              {rotation.finishedAt
                ? ` · ${t('dataKeys.finishedAt', { at: formatTime(rotation.finishedAt) })}`
                : ''}
            </Typography.Text>
            {rotation.failure && <Alert type="error" message={rotation.failure} />}
          </Space>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        )}
      </Card>
      <Table<Count>
        size="small"
        rowKey={(r) => `${r.table}.${r.column}.${r.keyId}`}
        loading={status.isLoading}
        dataSource={data?.values ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          {
            title: t('dataKeys.table'),
            dataIndex: 'table',
            render: (table: string) => t(`dataKeys.tables.${table}`, { defaultValue: table }),
          },
          {
            title: t('dataKeys.column'),
            dataIndex: 'column',
            render: (column: string) => t(`dataKeys.columns.${column}`, { defaultValue: column }),
          },
          { title: t('dataKeys.keyId'), dataIndex: 'keyId', render: (k: string) => keyTag(k) },
          { title: t('dataKeys.count'), dataIndex: 'count', align: 'right' },
        ]}
      />
      <Card title={t('dataKeys.howTo')} size="small">
        <ol style={{ margin: 0, paddingInlineStart: 20 }}>
          {(['s1', 's2', 's3', 's4'] as const).map((s) => (
            <li key={s}>
              <Typography.Text>{t(`dataKeys.steps.${s}`)}</Typography.Text>
            </li>
          ))}
        </ol>
      </Card>
    </Space>
  )
}
