import { Card, Descriptions, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useCan, useCurrentUser } from '../auth/auth.api'
import { GrantTag } from '../common/scope'
import { UnderstaffedCard } from '../staff/UnderstaffedCard'

export function HomePage() {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const can = useCan()
  const roles =
    me.grants.length === 0 ? (
      <Typography.Text type="secondary">{t('home.noRoles')}</Typography.Text>
    ) : (
      <Space wrap>
        {me.grants.map((grant) => (
          <GrantTag key={grant.id} grant={grant} />
        ))}
      </Space>
    )

  return (
    <>
      <Card data-testid="welcome">
        <Typography.Title level={3}>{t('home.welcome', { name: me.displayName })}</Typography.Title>
        <Descriptions
          column={1}
          bordered
          size="small"
          items={[
            { key: 'username', label: t('home.username'), children: me.username },
            { key: 'roles', label: t('home.roles'), children: roles },
          ]}
        />
      </Card>
      {can('grid.read') && <UnderstaffedCard />}
    </>
  )
}
