import { useTranslation } from 'react-i18next'
import type { AuditPage } from '../api/types'

export type AuditNames = AuditPage['names']

/**
 * An action's name in the reader's language: `audit.actions.<module>.<verb>`, or for the closed
 * loop's steps (`case.accept`, `case.dispatch` …) the step's name the event pages use. Null for an
 * action this build does not know (a newer node's), which is then shown by its code.
 */
export function useActionName() {
  const { t, i18n } = useTranslation()
  return (action: string): string | null => {
    const own = `audit.actions.${action}`
    if (i18n.exists(own)) return t(own)
    const [module, verb] = action.split('.')
    const step = `cases.actions.${verb}`
    if (module === 'case' && i18n.exists(step)) return t('audit.caseAction', { name: t(step) })
    return null
  }
}

/** A label in `audit.<group>` when there is one, else the key as the log has it. */
export function useLabel() {
  const { t, i18n } = useTranslation()
  return (group: 'fields' | 'resourceTypes' | 'actorTypes', key: string) =>
    i18n.exists(`audit.${group}.${key}`) ? t(`audit.${group}.${key}`) : key
}

const GRID_KEYS = new Set(['grid', 'parent', 'to', 'from', 'parts', 'merged', 'code', 'path'])

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * One value of a summary as a reader says it: grids, departments and roles by their names (the page's
 * `names`), a scope as "网格 …" or "部门 …", yes/no, lists joined; anything deeper as compact JSON.
 */
export function useSummaryValue(names: AuditNames) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const one = (key: string, value: unknown): string => {
    if (typeof value === 'boolean') return value ? t('audit.yes') : t('audit.no')
    if (typeof value === 'string') {
      // A grant over the root grid: the whole deployment.
      if ((key === 'grid' || key === 'path') && value === '') return t('audit.everywhere')
      if (GRID_KEYS.has(key) && names.grids[value]) return `${names.grids[value]} (${value})`
      if (key === 'department' && names.departments[value]) return names.departments[value]
      const role = key === 'role' ? names.roles[value] : undefined
      if (role) return `${lang === 'en-US' ? role.en : role.zh} (${value})`
      return value
    }
    if (typeof value === 'number') return String(value)
    if (Array.isArray(value)) return value.map((item) => one(key, item)).join('、')
    if (isObject(value) && (value.type === 'grid' || value.type === 'department')) return scope(value)
    if (isObject(value))
      return Object.entries(value)
        .map(([k, v]) => `${i18n.exists(`audit.fields.${k}`) ? t(`audit.fields.${k}`) : k}: ${one(k, v)}`)
        .join('; ')
    return value == null ? '—' : JSON.stringify(value)
  }
  const scope = (s: Record<string, unknown>) => {
    if (s.type === 'department') {
      const id = String(s.id ?? '')
      return t('audit.departmentScope', { name: names.departments[id] ?? id })
    }
    const path = String(s.path ?? '')
    if (path === '') return t('audit.everywhere')
    return t('audit.gridScope', { name: names.grids[path] ?? path })
  }
  return one
}
