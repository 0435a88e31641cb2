import { Button, Input, List, Modal, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { api } from '../../api/client'
import { useAction } from '../../common/useAction'
import { peopleKey } from './people.api'

type Event = { id: string; number: string; state: string }

const path = (personId: string, no: string) => ({
  params: { path: { type: 'person' as const, id: personId, no } },
})

/** The events a person is concerned by 关联事件: linked by their event number, unlinked one by one (writers only). */
export function PersonEvents({
  personId,
  events,
  mayLink,
}: {
  personId: string
  events: Event[]
  mayLink: boolean
}) {
  const { t } = useTranslation()
  const [asking, setAsking] = useState(false)
  const [no, setNo] = useState('')
  const link = useAction(
    (n: string) => api.put('/api/ledger-links/{type}/{id}/cases/{no}', path(personId, n)),
    {
      invalidate: [peopleKey],
      success: t('people.eventLinked'),
      onSuccess: () => {
        setAsking(false)
        setNo('')
      },
    },
  )
  const unlink = useAction(
    (n: string) => api.delete('/api/ledger-links/{type}/{id}/cases/{no}', path(personId, n)),
    {
      invalidate: [peopleKey],
      success: t('people.eventUnlinked'),
    },
  )
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {events.length === 0 ? (
        <Typography.Text type="secondary">{t('people.none')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={events}
          renderItem={(e) => (
            <List.Item
              actions={
                mayLink
                  ? [
                      <Button key="unlink" type="link" size="small" onClick={() => unlink.mutate(e.number)}>
                        {t('people.unlinkEvent')}
                      </Button>,
                    ]
                  : []
              }
            >
              <Link to={`/cases/${e.id}`}>{e.number}</Link> <Tag>{e.state}</Tag>
            </List.Item>
          )}
        />
      )}
      {mayLink && (
        <Button onClick={() => setAsking(true)} data-testid="link-event">
          {t('people.linkEvent')}
        </Button>
      )}
      <Modal
        open={asking}
        title={t('people.linkEvent')}
        onOk={() => link.mutate(no.trim())}
        okButtonProps={{ disabled: !no.trim() }}
        confirmLoading={link.isPending}
        onCancel={() => setAsking(false)}
      >
        <Input
          placeholder={t('people.eventNumber')}
          value={no}
          onChange={(e) => setNo(e.target.value)}
          maxLength={40}
          data-testid="link-event-number"
        />
      </Modal>
    </Space>
  )
}
