import { type CatalogueProblem, type CatalogueProblemKind, checkCatalogue } from '../categories/catalogue'
import type { CategoryDef, FilingStandard } from '../categories/categories.types'
import type { CategoryConfigRow } from './config.repo'

/** What may be wrong with one class a deployment edits or adds: the catalogue rules, and two more. */
export type ClassProblemKind =
  | CatalogueProblemKind
  | 'big_class_active' // a big class has no flag of its own: deactivate its small classes
  | 'missing_catalogue' // a new big class must say which catalogue it opens

export interface ClassProblem {
  kind: ClassProblemKind
  code: string
  detail?: string
}

export const isBigClass = (code: string) => /^\d{2}$/.test(code)

/** A database row as the catalogue checker reads it. */
export function toDef(row: CategoryConfigRow): CategoryDef {
  return {
    code: row.code,
    catalogue: row.catalogue,
    zh: row.name_zh,
    en: row.name_en,
    legacy: row.legacy,
    ...(row.standard ? { standard: row.standard } : {}),
    fields: row.fields,
  }
}

/**
 * What breaks the catalogue rules (checkCatalogue) in `candidate`, checked among the classes of the
 * deployment as they stand (with `candidate` in place of the row of its code): limits positive and
 * tightening, department kind known, self-handling only for admitted matters, names unique among
 * siblings, a small class under an existing big class of its catalogue. Problems of other classes
 * are not the editor's business and are left out; a duplicate name reported on the sibling is
 * turned round to the candidate.
 */
export function checkClass(
  current: readonly CategoryDef[],
  candidate: CategoryDef,
  departments?: readonly string[],
): ClassProblem[] {
  const catalogue = [...current.filter((c) => c.code !== candidate.code), candidate].sort((a, b) =>
    a.code < b.code ? -1 : a.code > b.code ? 1 : 0,
  )
  return checkCatalogue(catalogue, departments).flatMap((p): CatalogueProblem[] => {
    if (p.code === candidate.code) return [p]
    const match = p.kind === 'duplicate_name' && /^(\w+) \(also (\d+)\)$/.exec(p.detail ?? '')
    if (match && match[2] === candidate.code) {
      return [{ kind: p.kind, code: candidate.code, detail: `${match[1]} (also ${p.code})` }]
    }
    return []
  })
}

/** The parts of a standard that differ, for the audit row: `level`, `limits`, `selfHandle` … */
export function changedParts(before: FilingStandard | null, after: FilingStandard | null): string[] {
  if (before === null || after === null) return before === after ? [] : ['standard']
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof FilingStandard>
  return [...keys]
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => `standard.${k}`)
}

type EditableFields = Pick<CategoryConfigRow, 'name_zh' | 'name_en' | 'active' | 'is_public' | 'standard'>

/** The fields an edit changes, as the audit row names them. */
export function changedFields(row: EditableFields, next: EditableFields): string[] {
  return [
    ...(next.name_zh !== row.name_zh ? ['zh'] : []),
    ...(next.name_en !== row.name_en ? ['en'] : []),
    ...(next.active !== row.active ? ['active'] : []),
    ...(next.is_public !== row.is_public ? ['public'] : []),
    ...changedParts(row.standard, next.standard),
  ]
}
