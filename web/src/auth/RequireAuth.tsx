import { Button, Result, Spin } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate, useLocation } from 'react-router'
import { ApiError } from '../api/client'
import { useErrorText } from '../common/errorText'
import { firstStop, useMe } from './auth.api'

/** Renders its children once the user is known; sends a stranger to sign in and a flagged user to change the password. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const location = useLocation()
  const me = useMe()

  if (me.isPending) return <Spin size="large" fullscreen />
  if (me.error instanceof ApiError && me.error.status === 401) {
    return <Navigate to="/login" replace state={{ from: location.pathname }} />
  }
  if (me.isError) {
    return (
      <Result
        status="error"
        title={errorText(me.error)}
        extra={<Button onClick={() => void me.refetch()}>{t('common.retry')}</Button>}
      />
    )
  }
  const stop = firstStop(me.data)
  if (stop && location.pathname !== stop) return <Navigate to={stop} replace />
  return children
}
