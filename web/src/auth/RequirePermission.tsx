import { Button, Result } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useCan } from './auth.api'

export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const can = useCan()
  return can(permission) ? children : <Forbidden />
}

export function Forbidden() {
  const { t } = useTranslation()
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('forbidden.text')}
      data-testid="forbidden"
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  )
}
