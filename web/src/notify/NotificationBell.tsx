import { BellOutlined } from '@ant-design/icons'
import { App, Badge, Button, Empty, Flex, Popover, Spin, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { useFormatTime } from '../common/format'
import { QueryError } from '../common/QueryError'
import { useLocalName } from '../i18n'
import { caseOf, membershipPageOf, type Notification, useMarkRead, useNotifications } from './notify.api'
import styles from './notify.module.css'
import { useLiveNotifications } from './useLiveNotifications'

/**
 * The inbox 消息 in the header: a bell with the unread count, the newest messages under it (unread in
 * bold; a click marks one read and opens its case), "mark all read", and a toast for each new one
 * as the server pushes it.
 */
export function NotificationBell() {
  const { t } = useTranslation()
  const { notification } = App.useApp()
  const localName = useLocalName()
  const formatTime = useFormatTime()
  const navigate = useNavigate()
  const [open, setOpen] = useState(false)
  const list = useNotifications()
  const markRead = useMarkRead()
  const items = list.data?.items ?? []
  const unread = list.data?.unread ?? 0

  const openItem = (n: Notification) => {
    setOpen(false)
    if (!n.readAt) markRead.mutate(n.id)
    const caseId = caseOf(n)
    if (caseId) void navigate(`/cases/${caseId}`)
    const membership = membershipPageOf(n)
    if (membership) void navigate(membership)
  }

  const live = useLiveNotifications((n) =>
    notification.info({
      key: n.id,
      title: localName(n.titleZh, n.titleEn),
      description: formatTime(n.createdAt),
      icon: <BellOutlined />,
      // Below, not over the header's bell and buttons.
      placement: 'bottomRight',
      onClick: () => {
        notification.destroy(n.id)
        openItem(n)
      },
      style: { cursor: 'pointer' },
    }),
  )

  const panel = (
    <Flex vertical gap={4} className={styles.panel} data-testid="notify-panel">
      <Flex justify="space-between" align="center" className={styles.head}>
        <Typography.Text strong>{t('notify.title')}</Typography.Text>
        <Button
          type="link"
          size="small"
          disabled={unread === 0}
          loading={markRead.isPending && markRead.variables === 'all'}
          onClick={() => markRead.mutate('all')}
          data-testid="notify-all-read"
        >
          {t('notify.allRead')}
        </Button>
      </Flex>
      <QueryError error={list.error} />
      {list.isPending && <Spin size="small" />}
      {list.isSuccess && items.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notify.empty')} />
      )}
      {items.length > 0 && (
        <ul className={styles.list}>
          {items.map((n) => (
            <li key={n.id}>
              <button
                type="button"
                className={styles.item}
                onClick={() => openItem(n)}
                data-testid="notify-item"
                data-unread={n.readAt === null}
              >
                <span className={n.readAt === null ? styles.unread : undefined}>
                  {localName(n.titleZh, n.titleEn)}
                </span>
                <span className={styles.time}>{formatTime(n.createdAt)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Flex>
  )

  return (
    <Popover
      open={open}
      onOpenChange={(next) => {
        setOpen(next)
        if (next) void list.refetch()
      }}
      trigger="click"
      placement="bottomRight"
      arrow={false}
      content={panel}
    >
      <Button
        type="text"
        aria-label={t('notify.bell', { n: unread })}
        data-testid="notify-bell"
        data-unread={unread}
        data-live={live}
        icon={
          <Badge count={unread} size="small" overflowCount={99}>
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        }
      />
    </Popover>
  )
}
