import type { RouteObject } from 'react-router'
import { HomePage } from './HomePage'

/** The home page 工作台, where a signed-in user lands. */
export const homeRoutes: RouteObject[] = [{ index: true, element: <HomePage /> }]
