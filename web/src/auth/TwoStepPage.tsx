import { useQueryClient } from '@tanstack/react-query'
import { Alert, Button, Card, Form, Input, Space, Steps, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { FormAlert } from '../common/FormAlert'
import { useAction } from '../common/useAction'
import { useFormErrors } from '../common/useFormErrors'
import { confirmSecondFactor, enrolSecondFactor, meKey, useCurrentUser } from './auth.api'

type Enrolment = Awaited<ReturnType<typeof enrolSecondFactor>>

/** 两步验证: enrol an authenticator app (QR code or the secret typed by hand), then keep the recovery codes. */
export function TwoStepPage() {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null)
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null)
  const start = useAction(enrolSecondFactor, { onSuccess: setEnrolment, toastErrors: false })
  const step = recoveryCodes ? 2 : enrolment ? 1 : 0

  return (
    <Card title={t('twoStep.title')} style={{ maxWidth: 560 }}>
      {me.secondFactor.required && !me.secondFactor.active && (
        <Alert type="warning" showIcon title={t('twoStep.required')} style={{ marginBottom: 16 }} />
      )}
      <Steps
        size="small"
        current={step}
        responsive={false}
        style={{ marginBottom: 24 }}
        items={[
          { title: t('twoStep.stepStart') },
          { title: t('twoStep.stepScan') },
          { title: t('twoStep.stepSave') },
        ]}
      />
      {step === 0 && (
        <Space direction="vertical" size="middle">
          <Typography.Paragraph style={{ marginBottom: 0 }} data-testid="two-step-status">
            {me.secondFactor.active ? t('twoStep.active') : t('twoStep.inactive')}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t('twoStep.explain')}</Typography.Paragraph>
          <Button
            type="primary"
            loading={start.isPending}
            onClick={() => start.mutate()}
            data-testid="two-step-start"
          >
            {me.secondFactor.active ? t('twoStep.replace') : t('twoStep.start')}
          </Button>
        </Space>
      )}
      {step === 1 && enrolment && <ScanStep enrolment={enrolment} onConfirmed={setRecoveryCodes} />}
      {step === 2 && recoveryCodes && <RecoveryCodes codes={recoveryCodes} />}
    </Card>
  )
}

function ScanStep({
  enrolment,
  onConfirmed,
}: {
  enrolment: Enrolment
  onConfirmed: (codes: string[]) => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{ code: string }>()
  const errors = useFormErrors(form, {
    fields: { 'body.code': 'code' },
    codes: { 'auth.second_factor_invalid': 'code' },
  })
  const confirm = useAction(({ code }: { code: string }) => confirmSecondFactor(code.trim()), {
    onMutate: errors.clear,
    onError: errors.show,
    onSuccess: ({ recoveryCodes }) => onConfirmed(recoveryCodes),
  })
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph style={{ marginBottom: 0 }}>{t('twoStep.scan')}</Typography.Paragraph>
      <img src={enrolment.qr} alt={t('twoStep.qrAlt')} width={200} height={200} data-testid="two-step-qr" />
      <div>
        <Typography.Text type="secondary">{t('twoStep.secretLabel')}</Typography.Text>
        <Typography.Paragraph copyable={{ text: enrolment.secret }} style={{ marginBottom: 0 }}>
          <Typography.Text code style={{ wordBreak: 'break-all' }} data-testid="two-step-secret">
            {enrolment.secret}
          </Typography.Text>
        </Typography.Paragraph>
      </div>
      <FormAlert message={errors.alert} />
      <Form form={form} layout="vertical" onFinish={(values) => confirm.mutate(values)} requiredMark={false}>
        <Form.Item
          name="code"
          label={t('twoStep.code')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            style={{ maxWidth: 200 }}
            data-testid="two-step-code"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={confirm.isPending} data-testid="two-step-confirm">
          {t('twoStep.confirm')}
        </Button>
      </Form>
    </Space>
  )
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const done = async () => {
    await queryClient.invalidateQueries({ queryKey: meKey })
    void navigate('/', { replace: true })
  }
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Alert type="success" showIcon title={t('twoStep.enabled')} />
      <Typography.Paragraph style={{ marginBottom: 0 }}>{t('twoStep.recoveryExplain')}</Typography.Paragraph>
      <ol
        style={{ fontFamily: 'monospace', whiteSpace: 'nowrap', columns: '2 13em', columnGap: 24, margin: 0 }}
        data-testid="two-step-recovery"
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <Space wrap>
        <Typography.Text
          copyable={{ text: codes.join('\n'), tooltips: [t('twoStep.copy'), t('twoStep.copied')] }}
        >
          {t('twoStep.copy')}
        </Typography.Text>
        <Button type="primary" onClick={() => void done()} data-testid="two-step-done">
          {t('twoStep.done')}
        </Button>
      </Space>
    </Space>
  )
}
