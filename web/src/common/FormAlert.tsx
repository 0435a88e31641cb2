import { Alert } from 'antd'

/** The part of a failed submit that belongs to no single field. */
export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null
  return (
    <Alert
      type="error"
      showIcon
      title={<span style={{ whiteSpace: 'pre-line' }}>{message}</span>}
      style={{ marginBottom: 16 }}
      data-testid="form-error"
    />
  )
}
