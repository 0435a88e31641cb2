import type { RouteObject } from 'react-router'

/** The imports pages of the ledgers, under /ledgers (registered in ../routes.tsx). */
export const importsRoutes: RouteObject[] = []
