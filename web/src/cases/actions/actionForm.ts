import type { UploadFile } from 'antd'
import type { ReactNode } from 'react'
import type { CaseAction, CaseActionBody, CaseView, Department, SupervisionGrade } from '../cases.api'

/** Every field an action's form may hold; each form fills only its own. */
export interface ActionValues {
  publicText?: string
  note?: string
  reason?: string
  deferred?: boolean
  mode?: 'rule' | 'department' | 'grid'
  department?: string
  grid?: string
  pass?: boolean
  into?: string
  rating?: number
  photos?: UploadFile[]
  /** The photos' copies without metadata go on the reporter's tracking page (result photos). */
  showPhotos?: boolean
  /** whistle: the departments summoned (codes), the lead among them, working hours to report in. */
  departments?: string[]
  lead?: string
  reportHours?: number | null
  /** extend: how much more working time. */
  amount?: number | null
  unit?: 'hours' | 'days'
  grade?: SupervisionGrade
}

export const INITIAL_VALUES: ActionValues = {
  mode: 'rule',
  pass: true,
  deferred: false,
  unit: 'hours',
  showPhotos: true,
}

export interface FieldsProps {
  action: CaseAction
  c: CaseView
  departments: Department[]
}

/** What one kind of action asks for: its fields, and what they add to the body. */
export interface ActionForm {
  Fields: (props: FieldsProps) => ReactNode
  /** The body beyond the version and the three texts, which every action sends when filled. */
  body?: (
    action: CaseAction,
    values: ActionValues,
  ) => Partial<CaseActionBody> | Promise<Partial<CaseActionBody>>
}

/**
 * A value the server never saw, refused before the action was sent (a case number that names no
 * case): the dialog shows `message` under `field`.
 */
export class FieldRefused extends Error {
  constructor(
    readonly field: keyof ActionValues,
    readonly messageKey: string,
    readonly params: Record<string, unknown> = {},
  ) {
    super(messageKey)
    this.name = 'FieldRefused'
  }
}

const text = (value: string | undefined) => {
  const trimmed = value?.trim()
  return trimmed ? trimmed : undefined
}

/** The action's body: the version seen, and only what the form filled. */
export async function bodyOf(
  form: ActionForm,
  action: CaseAction,
  c: CaseView,
  values: ActionValues,
): Promise<CaseActionBody> {
  return {
    version: c.version,
    publicText: text(values.publicText),
    note: text(values.note),
    reason: text(values.reason),
    ...(await form.body?.(action, values)),
  }
}
