import type { RouteObject } from 'react-router'

/** The groups pages of the ledgers, under /ledgers (registered in ../routes.tsx). */
export const groupsRoutes: RouteObject[] = []
