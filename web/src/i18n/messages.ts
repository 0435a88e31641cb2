import { apikeysEnUS } from '../apikeys/apikeys.en-US'
import { apikeysZhCN } from '../apikeys/apikeys.zh-CN'
import { assessmentEnUS } from '../assessment/assessment.en-US'
import { assessmentZhCN } from '../assessment/assessment.zh-CN'
import { auditEnUS } from '../audit/audit.en-US'
import { auditZhCN } from '../audit/audit.zh-CN'
import { authEnUS } from '../auth/auth.en-US'
import { authZhCN } from '../auth/auth.zh-CN'
import { bigscreenEnUS } from '../bigscreen/bigscreen.en-US'
import { bigscreenZhCN } from '../bigscreen/bigscreen.zh-CN'
import { bulletinsEnUS } from '../bulletins/bulletins.en-US'
import { bulletinsZhCN } from '../bulletins/bulletins.zh-CN'
import { campaignsEnUS } from '../campaigns/campaigns.en-US'
import { campaignsZhCN } from '../campaigns/campaigns.zh-CN'
import { casesEnUS } from '../cases/cases.en-US'
import { casesZhCN } from '../cases/cases.zh-CN'
import { configEnUS } from '../cases-config/config.en-US'
import { configZhCN } from '../cases-config/config.zh-CN'
import { commandEnUS } from '../command/command.en-US'
import { commandZhCN } from '../command/command.zh-CN'
import { photosEnUS } from '../common/photos/photos.en-US'
import { photosZhCN } from '../common/photos/photos.zh-CN'
import { datakeysEnUS } from '../datakeys/datakeys.en-US'
import { datakeysZhCN } from '../datakeys/datakeys.zh-CN'
import { departmentsEnUS } from '../departments/departments.en-US'
import { departmentsZhCN } from '../departments/departments.zh-CN'
import { fieldEnUS } from '../field/field.en-US'
import { fieldZhCN } from '../field/field.zh-CN'
import { gridsEnUS } from '../grids/grids.en-US'
import { gridsZhCN } from '../grids/grids.zh-CN'
import { homeEnUS } from '../home/home.en-US'
import { homeZhCN } from '../home/home.zh-CN'
import { layoutEnUS } from '../layout/layout.en-US'
import { layoutZhCN } from '../layout/layout.zh-CN'
import { revealsEnUS } from '../ledgers/access/access.en-US'
import { revealsZhCN } from '../ledgers/access/access.zh-CN'
import { columnsEnUS } from '../ledgers/columns.en-US'
import { columnsZhCN } from '../ledgers/columns.zh-CN'
import { groupsEnUS } from '../ledgers/groups/groups.en-US'
import { groupsZhCN } from '../ledgers/groups/groups.zh-CN'
import { householdsEnUS } from '../ledgers/households/households.en-US'
import { householdsZhCN } from '../ledgers/households/households.zh-CN'
import { importsEnUS } from '../ledgers/imports/imports.en-US'
import { importsZhCN } from '../ledgers/imports/imports.zh-CN'
import { ledgerLinksEnUS } from '../ledgers/links/links.en-US'
import { ledgerLinksZhCN } from '../ledgers/links/links.zh-CN'
import { peopleEnUS } from '../ledgers/people/people.en-US'
import { peopleZhCN } from '../ledgers/people/people.zh-CN'
import { placesEnUS } from '../ledgers/places/places.en-US'
import { placesZhCN } from '../ledgers/places/places.zh-CN'
import { proposalsEnUS } from '../ledgers/proposals/proposals.en-US'
import { proposalsZhCN } from '../ledgers/proposals/proposals.zh-CN'
import { recordsEnUS } from '../ledgers/records/records.en-US'
import { recordsZhCN } from '../ledgers/records/records.zh-CN'
import { mapEnUS } from '../map/map.en-US'
import { mapZhCN } from '../map/map.zh-CN'
import { notifyEnUS } from '../notify/notify.en-US'
import { notifyZhCN } from '../notify/notify.zh-CN'
import { patrolsEnUS } from '../patrols/patrols.en-US'
import { patrolsZhCN } from '../patrols/patrols.zh-CN'
import { publicEnUS } from '../public/public.en-US'
import { publicZhCN } from '../public/public.zh-CN'
import { rolesEnUS } from '../roles/roles.en-US'
import { rolesZhCN } from '../roles/roles.zh-CN'
import { staffEnUS } from '../staff/staff.en-US'
import { staffZhCN } from '../staff/staff.zh-CN'
import { statsEnUS } from '../stats/stats.en-US'
import { statsZhCN } from '../stats/stats.zh-CN'
import { usersEnUS } from '../users/users.en-US'
import { usersZhCN } from '../users/users.zh-CN'
import { warningsEnUS } from '../warnings/warnings.en-US'
import { warningsZhCN } from '../warnings/warnings.zh-CN'
import { commonEnUS } from './common.en-US'
import { commonZhCN } from './common.zh-CN'
import { errorsEnUS } from './errors.en-US'
import { errorsZhCN } from './errors.zh-CN'

// Each feature keeps its words beside its pages, under its own top-level keys; test/i18n.test.ts checks
// that no two files claim the same key and that both languages have every key.

/** 简体中文: the default language. */
export const zhCN = {
  ...commonZhCN,
  ...errorsZhCN,
  ...layoutZhCN,
  ...authZhCN,
  ...notifyZhCN,
  ...homeZhCN,
  ...usersZhCN,
  ...rolesZhCN,
  ...apikeysZhCN,
  ...auditZhCN,
  ...gridsZhCN,
  ...casesZhCN,
  ...statsZhCN,
  ...configZhCN,
  ...publicZhCN,
  ...photosZhCN,
  ...departmentsZhCN,
  ...staffZhCN,
  ...mapZhCN,
  ...datakeysZhCN,
  ...recordsZhCN,
  ...peopleZhCN,
  ...placesZhCN,
  ...householdsZhCN,
  ...groupsZhCN,
  ...importsZhCN,
  ...ledgerLinksZhCN,
  ...revealsZhCN,
  ...proposalsZhCN,
  ...columnsZhCN,
  ...campaignsZhCN,
  ...patrolsZhCN,
  ...fieldZhCN,
  ...warningsZhCN,
  ...commandZhCN,
  ...bigscreenZhCN,
  ...assessmentZhCN,
  ...bulletinsZhCN,
}

export type Messages = typeof zhCN

export const enUS: Messages = {
  ...commonEnUS,
  ...errorsEnUS,
  ...layoutEnUS,
  ...authEnUS,
  ...notifyEnUS,
  ...homeEnUS,
  ...usersEnUS,
  ...rolesEnUS,
  ...apikeysEnUS,
  ...auditEnUS,
  ...gridsEnUS,
  ...casesEnUS,
  ...statsEnUS,
  ...configEnUS,
  ...publicEnUS,
  ...photosEnUS,
  ...departmentsEnUS,
  ...staffEnUS,
  ...mapEnUS,
  ...datakeysEnUS,
  ...recordsEnUS,
  ...peopleEnUS,
  ...placesEnUS,
  ...householdsEnUS,
  ...groupsEnUS,
  ...importsEnUS,
  ...ledgerLinksEnUS,
  ...revealsEnUS,
  ...proposalsEnUS,
  ...columnsEnUS,
  ...campaignsEnUS,
  ...patrolsEnUS,
  ...fieldEnUS,
  ...warningsEnUS,
  ...commandEnUS,
  ...bigscreenEnUS,
  ...assessmentEnUS,
  ...bulletinsEnUS,
}
