/**
 * Which grids, departments and roles a page of summaries names, so the reader sees their names
 * beside the codes, paths and ids the log keeps. Summaries name them under these keys, at the top,
 * inside a list of grants, or inside a `scope` object.
 */
const GRID_KEYS = new Set(['grid', 'parent', 'to', 'parts', 'merged', 'code', 'path'])
const DEPARTMENT_KEYS = new Set(['department'])
const ROLE_KEYS = new Set(['role'])

/** A page names at most this many of each: a page has at most 500 rows of a few names each. */
const MAX_NAMED = 2000

export interface Mentions {
  grids: string[]
  departments: string[]
  roles: string[]
}

const isName = (v: unknown): v is string => typeof v === 'string' && /^[\w.-]{1,64}$/.test(v)

export function mentionsOf(summaries: readonly Record<string, unknown>[]): Mentions {
  const found = { grids: new Set<string>(), departments: new Set<string>(), roles: new Set<string>() }
  const add = (set: Set<string>, value: unknown) => {
    for (const v of Array.isArray(value) ? value : [value]) if (isName(v) && set.size < MAX_NAMED) set.add(v)
  }
  const visit = (o: Record<string, unknown>, depth: number) => {
    for (const [key, value] of Object.entries(o)) {
      if (GRID_KEYS.has(key)) add(found.grids, value)
      if (DEPARTMENT_KEYS.has(key)) add(found.departments, value)
      if (ROLE_KEYS.has(key)) add(found.roles, value)
      if (depth > 0) continue
      if (key === 'scope' && isObject(value)) visitScope(value)
      if (Array.isArray(value)) for (const item of value) if (isObject(item)) visit(item, depth + 1)
    }
  }
  const visitScope = (scope: Record<string, unknown>) => {
    if (scope.type === 'department') add(found.departments, scope.id)
    else add(found.grids, scope.path)
  }
  for (const summary of summaries) visit(summary, 0)
  return { grids: [...found.grids], departments: [...found.departments], roles: [...found.roles] }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** A row's summary as the object it always is (the column defaults to `{}`). */
export const summaryOf = (summary: unknown) => (summary ?? {}) as Record<string, unknown>
