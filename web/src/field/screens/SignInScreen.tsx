import { Alert, Button, Form, Input } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { getMeta } from '../db'
import styles from '../field.module.css'
import { ApiError, NETWORK } from '../http'
import { problemText } from '../i18n'
import { guessDeviceName, signIn } from '../session'
import { syncNow } from '../sync/triggers'

interface Values {
  username: string
  password: string
  deviceName: string
}

/** Sign-in as a device session; also the "sign in again" screen after the session ended (the outbox stays). */
export function SignInScreen({ username, onDone }: { username?: string; onDone?: () => void }) {
  const { t } = useTranslation()
  const [form] = Form.useForm<Values>()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    void getMeta<string>('deviceName').then((saved) =>
      form.setFieldsValue({ deviceName: saved ?? guessDeviceName(), ...(username ? { username } : {}) }),
    )
  }, [form, username])

  async function submit(values: Values) {
    setBusy(true)
    setError(null)
    try {
      await signIn(values.username.trim(), values.password, values.deviceName.trim() || guessDeviceName())
      onDone?.()
      void syncNow()
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === NETWORK) setError(t('field.signIn.offline'))
      else if (failure instanceof ApiError && failure.code === 'auth.second_factor_required')
        setError(t('field.signIn.secondFactor'))
      else if (failure instanceof ApiError)
        setError(t('field.signIn.failed', { reason: problemText(failure) }))
      else setError(String(failure))
    } finally {
      setBusy(false)
    }
  }

  const required = (field: string) => [{ required: true, message: t('field.report.required', { field }) }]
  return (
    <div className={styles.signIn}>
      <div className={styles.signInHead}>
        <img src="/m/icons/icon.svg" alt="" />
        <h1>{t('field.signIn.title')}</h1>
        <div className={styles.muted}>{t('field.signIn.subtitle')}</div>
      </div>
      {error && (
        <Alert type="error" showIcon title={error} className={styles.banner} data-testid="sign-in-error" />
      )}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="username"
          label={t('field.signIn.username')}
          rules={required(t('field.signIn.username'))}
        >
          <Input autoComplete="username" autoCapitalize="none" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('field.signIn.password')}
          rules={required(t('field.signIn.password'))}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="deviceName" label={t('field.signIn.device')}>
          <Input placeholder={t('field.signIn.devicePlaceholder')} maxLength={64} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} size="large">
          {t('field.signIn.submit')}
        </Button>
      </Form>
    </div>
  )
}
