import type { RouteObject } from 'react-router'

/** The people pages of the ledgers, under /ledgers (registered in ../routes.tsx). */
export const peopleRoutes: RouteObject[] = []
