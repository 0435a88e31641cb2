import { SafetyOutlined } from '@ant-design/icons'
import { Alert, Button, Form, Input, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/client'
import type { Me } from '../api/types'
import { useErrorText } from '../common/errorText'
import { useAction } from '../common/useAction'
import { loginSecondFactor } from './auth.api'
import styles from './auth.module.css'

interface SecondStepProps {
  challenge: string
  onDone: (me: Me) => void
  /** The challenge expired or is spent: back to the password. */
  onRestart: () => void
}

/** The sign-in's second step: the code from the authenticator app, or one recovery code. */
export function SecondStep({ challenge, onDone, onRestart }: SecondStepProps) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const [recovery, setRecovery] = useState(false)
  const [form] = Form.useForm<{ code: string }>()
  // A failure shows in the alert below; the form is cleared for the next code.
  const verify = useAction(
    ({ code }: { code: string }) =>
      loginSecondFactor(challenge, recovery ? { recoveryCode: code.trim() } : { code: code.trim() }),
    {
      onSuccess: onDone,
      onError: (error) => {
        form.resetFields()
        if (error instanceof ApiError && error.code === 'auth.challenge_invalid') onRestart()
      },
    },
  )

  return (
    <>
      <Typography.Paragraph className={styles.title}>
        {recovery ? t('twoStep.enterRecovery') : t('twoStep.enterCode')}
      </Typography.Paragraph>
      {verify.isError && (
        <Alert
          type="error"
          showIcon
          title={errorText(verify.error)}
          className={styles.alert}
          data-testid="login-error"
        />
      )}
      <Form form={form} layout="vertical" onFinish={(values) => verify.mutate(values)} requiredMark={false}>
        <Form.Item
          name="code"
          label={recovery ? t('twoStep.recoveryCode') : t('twoStep.code')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input
            prefix={<SafetyOutlined />}
            autoFocus
            autoComplete="one-time-code"
            inputMode={recovery ? 'text' : 'numeric'}
            maxLength={recovery ? 64 : 6}
            data-testid="login-code"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={verify.isPending} data-testid="login-verify">
          {t('twoStep.verify')}
        </Button>
      </Form>
      <Button
        type="link"
        block
        onClick={() => {
          setRecovery(!recovery)
          form.resetFields()
        }}
        data-testid="login-use-recovery"
      >
        {recovery ? t('twoStep.useCode') : t('twoStep.useRecovery')}
      </Button>
    </>
  )
}
