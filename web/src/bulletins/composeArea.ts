import type { Me } from '../api/types'
import { codeOf } from '../assessment/area'

/**
 * The area a bulletin is composed for when the form's area is left empty (本人负责的区域): the
 * widest grid subtree where the reader manages assessments, as its grid code (a street chief's
 * street); none, the whole deployment, for those who manage it everywhere. Sending nothing for a
 * street chief would ask for the whole deployment and be refused.
 */
export function composeArea(me: Pick<Me, 'grants'>): string | undefined {
  const paths = me.grants
    .filter(
      (g) =>
        g.scope.type === 'grid' &&
        (g.permissions.includes('assessment.manage') || g.permissions.includes('*')),
    )
    .map((g) => (g.scope.type === 'grid' ? g.scope.path : ''))
    .sort((a, b) => a.split('.').length - b.split('.').length || a.localeCompare(b))
  const widest = paths[0]
  if (widest === undefined || paths.includes('')) return undefined
  return codeOf(widest)
}
