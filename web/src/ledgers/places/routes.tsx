import type { RouteObject } from 'react-router'

/** The places pages of the ledgers, under /ledgers (registered in ../routes.tsx). */
export const placesRoutes: RouteObject[] = []
