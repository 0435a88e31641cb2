import type { FormInstance } from 'antd'
import { useState } from 'react'
import { ApiError, type FieldError } from '../api/client'
import { useErrorText } from './errorText'

export interface Placement {
  /** Server field (`body.password`) → form field (`password`). */
  fields?: Record<string, string>
  /** Problem code (`auth.password_weak`) → the form field it is about. */
  codes?: Record<string, string>
  /** Problem code → what to say on this form instead of the general translation. */
  texts?: Record<string, string>
}

/**
 * Shows a failed submit where the user will look: field errors under their field, the rest in an Alert
 * (`alert`, null when nothing is left to say).
 */
export function useFormErrors(form: FormInstance, placement: Placement = {}) {
  const errorText = useErrorText()
  const [alert, setAlert] = useState<string | null>(null)

  const show = (error: unknown) => {
    if (!(error instanceof ApiError)) return setAlert(errorText(error))
    const byCode = placement.codes?.[error.code]
    if (byCode) {
      form.setFields([{ name: byCode, errors: [placement.texts?.[error.code] ?? errorText(error)] }])
      return setAlert(null)
    }
    const unplaced = placeFieldErrors(form, error.errors, placement.fields ?? {})
    if (error.errors.length > 0 && unplaced.length === 0) return setAlert(null)
    const details = unplaced.map((e) => `${e.field.replace(/^body\./, '')}: ${e.message}`)
    setAlert([errorText(error), ...details].join('\n'))
  }

  return { alert, show, clear: () => setAlert(null) }
}

function placeFieldErrors(form: FormInstance, errors: FieldError[], fields: Record<string, string>) {
  const unplaced: FieldError[] = []
  for (const error of errors) {
    const name = fields[error.field]
    if (name) form.setFields([{ name, errors: [error.message] }])
    else unplaced.push(error)
  }
  return unplaced
}
