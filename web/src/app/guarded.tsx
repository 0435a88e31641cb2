import type { ReactNode } from 'react'
import { RequirePermission } from '../auth/RequirePermission'
import { permissionFor, type SectionKey } from './sections'

/** A section's page behind the permission app/sections.ts names for it: the menu and the router agree. */
export function guarded(section: SectionKey, page: ReactNode) {
  const permission = permissionFor(section)
  return permission ? <RequirePermission permission={permission}>{page}</RequirePermission> : page
}
