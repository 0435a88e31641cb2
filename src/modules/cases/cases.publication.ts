import type { Actor } from '../../lib/context'
import { may } from '../auth/auth.policy'
import type { Permission } from '../auth/permissions'

/**
 * The social-governance big classes a resident may report publicly: 矛盾纠纷 21, 安全隐患 23,
 * 民生服务 24 and 社情民意 27. The others (治安隐患, 信访, 特殊人群, 突发事件) reach the platform
 * through staff, the police or the hotline. Every city-management class is public.
 */
export const PUBLIC_SOCIAL_CLASSES: readonly string[] = ['21', '23', '24', '27']

export function isPublicCategory(category: { code: string; catalogue: string }): boolean {
  if (category.catalogue === 'city') return true
  return category.catalogue === 'social' && PUBLIC_SOCIAL_CLASSES.includes(category.code.slice(0, 2))
}

const UNMASKING: readonly Permission[] = ['case.accept', 'case.supervise']

/**
 * Who may decide that a case is published (a hotline caller agreed on the phone): the same holders
 * of case.accept or case.supervise over it who may see its reporter's contact.
 */
export const mayDecidePublication = (
  actor: Actor | null,
  c: { gridPath: string | null; ownerPath: string | null },
): boolean => mayUnmaskContact(actor, c)

/**
 * Who may see a reporter's contact in clear: whoever accepts or supervises the case, over its owning
 * grid or its leaf grid. A case outside every grid is covered by deployment-wide grants only.
 */
export function mayUnmaskContact(
  actor: Actor | null,
  c: { gridPath: string | null; ownerPath: string | null },
): boolean {
  const paths = [c.ownerPath, c.gridPath].filter((p): p is string => !!p)
  return UNMASKING.some((permission) =>
    paths.length === 0
      ? may(actor, permission)
      : paths.some((gridPath) => may(actor, permission, { gridPath })),
  )
}
