import { Alert } from 'antd'
import { useTranslation } from 'react-i18next'
import { useErrorText } from '../common/errorText'
import { problemsOf } from './config.api'

/** Why a class was refused: each rule it breaks (category.invalid), or the error's own text. */
export function ProblemList({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation()
  const errorText = useErrorText()
  if (!error) return null
  const problems = problemsOf(error)
  const rule = (kind: string) => {
    const key = `caseConfig.problems.${kind}`
    return i18n.exists(key) ? t(key) : kind
  }
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="category-problems"
      title={errorText(error)}
      description={
        problems.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {problems.map((p) => (
              <li key={`${p.kind}-${p.detail ?? ''}`}>
                {rule(p.kind)}
                {p.detail ? `（${p.detail}）` : ''}
              </li>
            ))}
          </ul>
        ) : undefined
      }
    />
  )
}
