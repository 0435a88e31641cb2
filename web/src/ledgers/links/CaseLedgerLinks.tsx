import { Button, Card, List, Modal, Popconfirm, Segmented, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useAction } from '../../common/useAction'
import { PersonPicker } from '../people/PersonPicker'
import {
  type CaseSubject,
  caseLinksKey,
  linkRecord,
  recordHref,
  type SubjectType,
  unlinkRecord,
  useCaseLinks,
} from './links.api'
import { OrganizationPicker, RoomPicker } from './RecordPickers'

const TYPES: readonly SubjectType[] = ['person', 'room', 'organization']

/**
 * 涉及对象: the people, rooms and organisations of the reader's grids this event concerns, masked,
 * each opening its ledger page. Shown only when the server answered (a reader without the ledgers of
 * the event's records sees nothing, not even a count); writers link and unlink.
 */
export function CaseLedgerLinks({ no }: { no: string }) {
  const { t } = useTranslation()
  const links = useCaseLinks(no)
  const [adding, setAdding] = useState(false)
  const unlink = useAction((s: CaseSubject) => unlinkRecord(s.type, s.id, no), {
    invalidate: [caseLinksKey(no)],
    success: t('ledgerLinks.unlinked'),
  })
  if (!links.data) return null
  const { items, mayLink } = links.data
  return (
    <Card
      title={t('ledgerLinks.title')}
      size="small"
      data-testid="case-ledger-links"
      extra={
        mayLink && (
          <Button size="small" onClick={() => setAdding(true)} data-testid="case-link-add">
            {t('ledgerLinks.add')}
          </Button>
        )
      }
    >
      {items.length === 0 ? (
        <Typography.Text type="secondary">{t('ledgerLinks.none')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(s) => (
            <List.Item
              data-testid={`case-link-${s.type}`}
              actions={
                s.mayUnlink
                  ? [
                      <Popconfirm
                        key="unlink"
                        title={t('ledgerLinks.unlinkConfirm')}
                        onConfirm={() => unlink.mutate(s)}
                      >
                        <Button type="link" size="small" danger>
                          {t('ledgerLinks.unlink')}
                        </Button>
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <Space wrap size={4}>
                <Tag>{t(`ledgerLinks.types.${s.type}`)}</Tag>
                <Link to={recordHref(s)}>{s.label}</Link>
                {s.idNumber && <Typography.Text type="secondary">{s.idNumber}</Typography.Text>}
              </Space>
            </List.Item>
          )}
        />
      )}
      {adding && <LinkModal no={no} onClose={() => setAdding(false)} />}
    </Card>
  )
}

function LinkModal({ no, onClose }: { no: string; onClose: () => void }) {
  const { t } = useTranslation()
  const [type, setType] = useState<SubjectType>('person')
  const [id, setId] = useState<string>()
  const link = useAction((picked: string) => linkRecord(type, picked, no), {
    invalidate: [caseLinksKey(no), ['people']],
    success: t('ledgerLinks.linked'),
    onSuccess: onClose,
  })
  return (
    <Modal
      open
      title={t('ledgerLinks.add')}
      onCancel={onClose}
      onOk={() => id && link.mutate(id)}
      okButtonProps={{ disabled: !id, ...{ 'data-testid': 'case-link-ok' } }}
      confirmLoading={link.isPending}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Segmented<SubjectType>
          block
          value={type}
          onChange={(v) => {
            setType(v)
            setId(undefined)
          }}
          options={TYPES.map((v) => ({ value: v, label: t(`ledgerLinks.types.${v}`) }))}
        />
        {type === 'person' && (
          <PersonPicker
            value={id}
            onChange={(v) => setId(v as string | undefined)}
            testId="case-link-person"
          />
        )}
        {type === 'room' && <RoomPicker value={id} onChange={setId} />}
        {type === 'organization' && <OrganizationPicker value={id} onChange={setId} />}
      </Space>
    </Modal>
  )
}
