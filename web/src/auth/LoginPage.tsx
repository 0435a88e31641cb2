import { LockOutlined, UserOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocation, useNavigate } from 'react-router'
import { ApiError } from '../api/client'
import type { Me } from '../api/types'
import { useErrorText } from '../common/errorText'
import { useAction } from '../common/useAction'
import { LanguageSwitch } from '../layout/LanguageSwitch'
import { firstStop, login, meKey } from './auth.api'
import styles from './auth.module.css'
import { SecondStep } from './SecondStep'

interface Credentials {
  username: string
  password: string
}

export function LoginPage() {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const navigate = useNavigate()
  const location = useLocation()
  const queryClient = useQueryClient()
  const from = (location.state as { from?: string } | null)?.from

  // Whatever an earlier session left in the cache belongs to someone else now.
  useEffect(() => queryClient.clear(), [queryClient])

  // Set when the password was right and the account has two-step verification.
  const [challenge, setChallenge] = useState<string | null>(null)

  const enter = (me: Me) => {
    queryClient.setQueryData(meKey, me)
    void navigate(firstStop(me) ?? (from && from !== '/login' ? from : '/'), { replace: true })
  }

  // A failure shows in the page's alert (below); the one that asks for a second step opens it.
  const signIn = useAction(({ username, password }: Credentials) => login(username.trim(), password), {
    onSuccess: enter,
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'auth.second_factor_required')
        setChallenge(String(error.extra.challenge))
    },
  })

  return (
    <div className={styles.page}>
      <div className={styles.corner}>
        <LanguageSwitch />
      </div>
      <Card className={styles.card}>
        <Typography.Title level={3} className={styles.title}>
          {t('app.name')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" className={styles.title}>
          {t('login.subtitle')}
        </Typography.Paragraph>
        {challenge ? (
          <SecondStep challenge={challenge} onDone={enter} onRestart={() => setChallenge(null)} />
        ) : (
          <>
            {signIn.isError && (
              <Alert
                type="error"
                showIcon
                title={errorText(signIn.error)}
                className={styles.alert}
                data-testid="login-error"
              />
            )}
            <Form<Credentials>
              layout="vertical"
              onFinish={(values) => signIn.mutate(values)}
              requiredMark={false}
            >
              <Form.Item
                name="username"
                label={t('login.username')}
                rules={[{ required: true, message: t('login.usernameRequired') }]}
              >
                <Input
                  prefix={<UserOutlined />}
                  autoComplete="username"
                  autoFocus
                  data-testid="login-username"
                />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('login.password')}
                rules={[{ required: true, message: t('login.passwordRequired') }]}
              >
                <Input.Password
                  prefix={<LockOutlined />}
                  autoComplete="current-password"
                  data-testid="login-password"
                />
              </Form.Item>
              <Button
                type="primary"
                htmlType="submit"
                block
                loading={signIn.isPending}
                data-testid="login-submit"
              >
                {t('login.submit')}
              </Button>
            </Form>
          </>
        )}
      </Card>
    </div>
  )
}
