// Every table of every module, for drizzle-kit and for a typed database handle.
export * from '../modules/audit/audit.tables'
export * from '../modules/auth/auth.tables'
export * from '../modules/cases/cases.tables'
export * from '../modules/cases/config/config.tables'
export * from '../modules/grids/grids.tables'
export * from '../modules/notify/notify.tables'
export * from '../modules/outbox/outbox.tables'
export * from '../modules/staff/staff.tables'
