import { PlusOutlined } from '@ant-design/icons'
import { Button, Card, Popconfirm, Table, type TableColumnsType, Tag } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiKey, CreatedApiKey } from '../api/types'
import { useFormatTime } from '../common/format'
import { QueryError } from '../common/QueryError'
import { useScopeText } from '../common/scope'
import { useAction } from '../common/useAction'
import { useLocalName } from '../i18n'
import { useRoles } from '../roles/roles.api'
import { apiKeysKey, revokeApiKey, useApiKeys } from './apikeys.api'
import { CreateApiKeyModal } from './CreateApiKeyModal'
import { KeyRevealModal } from './KeyRevealModal'

type Dialog = { kind: 'create' } | { kind: 'reveal'; apiKey: CreatedApiKey } | null

export function ApiKeysPage() {
  const { t } = useTranslation()
  const formatTime = useFormatTime()
  const scopeText = useScopeText()
  const localName = useLocalName()
  const keys = useApiKeys()
  const roles = useRoles()
  const [dialog, setDialog] = useState<Dialog>(null)
  const revoke = useAction((key: ApiKey) => revokeApiKey(key.id), {
    invalidate: [apiKeysKey],
    success: t('apikeys.revoked'),
  })

  const roleName = (key: ApiKey) => {
    const role = roles.data?.find((r) => r.id === key.roleId)
    return role ? localName(role.nameZh, role.nameEn) : key.roleKey
  }

  const columns: TableColumnsType<ApiKey> = [
    { key: 'name', title: t('apikeys.name'), dataIndex: 'name' },
    { key: 'prefix', title: t('apikeys.prefix'), render: (_, key) => <code>{key.prefix}…</code> },
    { key: 'role', title: t('apikeys.role'), render: (_, key) => roleName(key) },
    { key: 'scope', title: t('scope.label'), render: (_, key) => scopeText(key.scope) },
    { key: 'createdAt', title: t('apikeys.createdAt'), render: (_, key) => formatTime(key.createdAt) },
    { key: 'lastUsedAt', title: t('apikeys.lastUsedAt'), render: (_, key) => formatTime(key.lastUsedAt) },
    {
      key: 'status',
      title: t('apikeys.status'),
      render: (_, key) =>
        key.revokedAt ? (
          <Tag>{t('apikeys.revokedAt', { time: formatTime(key.revokedAt) })}</Tag>
        ) : (
          <Tag color="green">{t('apikeys.active')}</Tag>
        ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, key) =>
        key.revokedAt ? null : (
          <Popconfirm title={t('apikeys.revokeConfirm')} onConfirm={() => revoke.mutate(key)}>
            <Button type="link" size="small" danger>
              {t('apikeys.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ]

  return (
    <Card
      title={t('menu.apikeys')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setDialog({ kind: 'create' })}
          data-testid="apikey-create"
        >
          {t('apikeys.create')}
        </Button>
      }
    >
      <QueryError error={keys.error} />
      <Table<ApiKey>
        rowKey="id"
        columns={columns}
        dataSource={keys.data}
        loading={keys.isPending}
        pagination={false}
      />
      {dialog?.kind === 'create' && (
        <CreateApiKeyModal
          onClose={() => setDialog(null)}
          onCreated={(apiKey) => setDialog({ kind: 'reveal', apiKey })}
        />
      )}
      {dialog?.kind === 'reveal' && <KeyRevealModal apiKey={dialog.apiKey} onClose={() => setDialog(null)} />}
    </Card>
  )
}
