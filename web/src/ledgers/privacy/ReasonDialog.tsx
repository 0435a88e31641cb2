import { useMutation } from '@tanstack/react-query'
import { Alert, Input, Modal, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useErrorText } from '../../common/errorText'

/** Seconds left until `until`, ticking; 0 once past. */
export function useCountdown(until: string | null) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!until) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [until])
  return until ? Math.max(0, Math.ceil((new Date(until).getTime() - now) / 1000)) : 0
}

/**
 * A reason asked before something is done with personal data (unmask, erase): at least four characters,
 * kept in the audit log; the server's refusal shows in the dialog.
 */
export function ReasonDialog(props: {
  title: string
  hint: string
  okText: string
  danger?: boolean
  testId: string
  placeholder?: string
  onOk: (reason: string) => Promise<unknown>
  onClose: () => void
}) {
  const errorText = useErrorText()
  const [reason, setReason] = useState('')
  const run = useMutation({ mutationFn: () => props.onOk(reason.trim()), onSuccess: props.onClose })
  const short = [...reason.trim()].length < 4
  return (
    <Modal
      open
      title={props.title}
      onCancel={props.onClose}
      onOk={() => run.mutate()}
      okText={props.okText}
      okButtonProps={{ disabled: short, danger: props.danger, id: `${props.testId}-ok` }}
      confirmLoading={run.isPending}
    >
      <Typography.Paragraph type="secondary">{props.hint}</Typography.Paragraph>
      {run.error && <Alert type="error" showIcon title={errorText(run.error)} style={{ marginBottom: 12 }} />}
      <Input.TextArea
        autoFocus
        rows={3}
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder={props.placeholder}
        data-testid={`${props.testId}-reason`}
      />
    </Modal>
  )
}
