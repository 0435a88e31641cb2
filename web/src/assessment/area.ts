import type { Me } from '../api/types'

const ASSESSING = ['assessment.read', 'assessment.manage', '*']

/**
 * The reader's own area: the widest grid subtree in which they read assessments ('' for the whole
 * deployment). A street chief gets their street.
 */
export function ownArea(me: Me): string {
  const paths = me.grants
    .filter((g) => g.scope.type === 'grid' && g.permissions.some((p) => ASSESSING.includes(p)))
    .map((g) => (g.scope.type === 'grid' ? g.scope.path : ''))
    .sort((a, b) => a.split('.').length - b.split('.').length || a.localeCompare(b))
  if (paths.includes('')) return ''
  return paths[0] ?? ''
}

/** Whether the reader may change schemes: only a whole-deployment assessment manager may. */
export const managesEverywhere = (me: Me) =>
  me.grants.some(
    (g) =>
      g.scope.type === 'grid' &&
      g.scope.path === '' &&
      (g.permissions.includes('assessment.manage') || g.permissions.includes('*')),
  )

/** A grid's code from its path: the path's labels are the code's level segments. */
export const codeOf = (path: string) => path.replaceAll('.', '')
