import { useMutation } from '@tanstack/react-query'
import { Alert, Input, Modal, Typography } from 'antd'
import { type ReactNode, useState } from 'react'
import { useErrorText } from '../common/errorText'

/**
 * Asks why before a warning is settled: required to dismiss it, optional to acknowledge it or to
 * supervise its event (`extra`: the supervision's grade, above the reason).
 */
export function ReasonModal(props: {
  title: string
  hint: string
  placeholder: string
  okText: string
  required: boolean
  danger?: boolean
  testId: string
  extra?: ReactNode
  onOk: (reason: string) => Promise<unknown>
  onClose: () => void
}) {
  const errorText = useErrorText()
  const [reason, setReason] = useState('')
  const run = useMutation({ mutationFn: () => props.onOk(reason.trim()), onSuccess: props.onClose })
  return (
    <Modal
      open
      title={props.title}
      onCancel={props.onClose}
      onOk={() => run.mutate()}
      okText={props.okText}
      okButtonProps={{
        disabled: props.required && reason.trim() === '',
        danger: props.danger,
        id: `${props.testId}-ok`,
      }}
      confirmLoading={run.isPending}
    >
      <Typography.Paragraph type="secondary">{props.hint}</Typography.Paragraph>
      {props.extra}
      {run.error && <Alert type="error" showIcon title={errorText(run.error)} style={{ marginBottom: 12 }} />}
      <Input.TextArea
        autoFocus
        rows={3}
        maxLength={500}
        showCount
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder={props.placeholder}
        data-testid={`${props.testId}-reason`}
      />
    </Modal>
  )
}
