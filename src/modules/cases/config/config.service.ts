import type { ServiceDeps } from '../../../lib/service'
import type { GridsService } from '../../grids/grids.service'
import { createCalendarConfig } from './config.calendar.service'
import { createCategoriesConfig } from './config.categories.service'
import { createRoutingConfig } from './config.routing.service'
import type { LiveCalendar } from './live-calendar'

/**
 * Configuration of the event loop as data 数据而非代码: the categories and their filing standards
 * (config.categories.service.ts), the routing table (config.routing.service.ts), and the working
 * calendar's own days (config.calendar.service.ts).
 */
export function createCaseConfigService(deps: ServiceDeps, grids: GridsService, calendar: LiveCalendar) {
  return {
    ...createCategoriesConfig(deps),
    ...createRoutingConfig(deps, grids),
    ...createCalendarConfig(deps, calendar),
  }
}

export type CaseConfigService = ReturnType<typeof createCaseConfigService>
