import { Flex, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useCurrentUser } from '../auth/auth.api'
import { GrantTag } from '../common/scope'
import { useLanguage } from '../i18n'

/** One line at the top: who is signed in, today's date (China time) and the roles they hold. */
export function Welcome({ now }: { now: Date }) {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const lang = useLanguage()
  const date = now.toLocaleDateString(lang, { dateStyle: 'full', timeZone: 'Asia/Shanghai' })
  return (
    <Flex align="baseline" gap="small" wrap style={{ marginBottom: 16 }} data-testid="welcome">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('home.welcome', { name: me.displayName })}
      </Typography.Title>
      <Typography.Text type="secondary">{date}</Typography.Text>
      {me.grants.length === 0 ? (
        <Typography.Text type="secondary">{t('home.noRoles')}</Typography.Text>
      ) : (
        <Space size={[0, 4]} wrap>
          {me.grants.map((grant) => (
            <GrantTag key={grant.id} grant={grant} />
          ))}
        </Space>
      )}
    </Flex>
  )
}
