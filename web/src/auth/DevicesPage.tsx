import { MobileOutlined } from '@ant-design/icons'
import { Button, Card, Empty, List, Popconfirm, Spin, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useFormatTime } from '../common/format'
import { QueryError } from '../common/QueryError'
import { useAction } from '../common/useAction'
import { devicesKey, endDevice, useDevices } from './auth.api'

/** 我的设备: the phones signed in to the field app for days, each of which the user can sign out. */
export function DevicesPage() {
  const { t } = useTranslation()
  const time = useFormatTime()
  const devices = useDevices()
  const end = useAction((id: string) => endDevice(id), {
    success: t('devices.ended'),
    invalidate: [devicesKey],
  })

  return (
    <Card title={t('devices.title')} style={{ maxWidth: 720 }} data-testid="devices-card">
      <Typography.Paragraph type="secondary">{t('devices.explain')}</Typography.Paragraph>
      {devices.isPending ? (
        <Spin />
      ) : devices.isError ? (
        <QueryError error={devices.error} />
      ) : devices.data.items.length === 0 ? (
        <Empty description={t('devices.empty')} />
      ) : (
        <List
          dataSource={devices.data.items}
          rowKey="id"
          renderItem={(d) => (
            <List.Item
              data-testid="device"
              actions={[
                <Popconfirm
                  key="end"
                  title={t('devices.endConfirm', { name: d.name })}
                  onConfirm={() => end.mutate(d.id)}
                >
                  <Button danger size="small" loading={end.isPending && end.variables === d.id}>
                    {t('devices.end')}
                  </Button>
                </Popconfirm>,
              ]}
            >
              <List.Item.Meta
                avatar={<MobileOutlined style={{ fontSize: 24 }} />}
                title={
                  <>
                    {d.name} {d.current && <Tag color="blue">{t('devices.current')}</Tag>}
                  </>
                }
                description={
                  <>
                    <div>
                      {t('devices.lastSeen')} {time(d.lastSeenAt)}
                    </div>
                    <div>
                      {t('devices.signedIn')} {time(d.createdAt)}
                    </div>
                    <div>
                      {t('devices.expires')} {time(d.expiresAt)}
                    </div>
                    {d.userAgent && (
                      <Typography.Text type="secondary" ellipsis style={{ maxWidth: '100%' }}>
                        {d.userAgent}
                      </Typography.Text>
                    )}
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  )
}
