import { Alert } from 'antd'
import { useErrorText } from './errorText'

/** A list that failed to load says why, above where the rows would be. */
export function QueryError({ error }: { error: unknown }) {
  const errorText = useErrorText()
  if (!error) return null
  return (
    <Alert
      type="error"
      showIcon
      title={errorText(error)}
      style={{ marginBottom: 16 }}
      data-testid="query-error"
    />
  )
}
