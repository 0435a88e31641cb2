import type { FastifyInstance } from 'fastify'
import { accessRoutes } from './access/access.routes'
import { createAccessService } from './access/access.service'
import { codesRoutes } from './codes/codes.routes'
import { createCodesService } from './codes/codes.service'
import { disputesRoutes } from './disputes/disputes.routes'
import { createDisputesService } from './disputes/disputes.service'
import { exportsRoutes } from './exports/exports.routes'
import { createRecordExports } from './exports/exports.service'
import { rescheduleAll } from './groups/groups.reschedule'
import { groupsRoutes } from './groups/groups.routes'
import { chinaDay } from './groups/groups.schedule'
import { createGroupsService } from './groups/groups.service'
import { membershipsFollowPeople } from './groups/groups.succession'
import { importsRoutes } from './imports/imports.routes'
import type { LedgerDeps } from './ledgers.deps'
import { linksRoutes } from './links/links.routes'
import { createLinksService } from './links/links.service'
import { organizationsRoutes } from './orgs/organizations.routes'
import { createOrganizationsService } from './orgs/organizations.service'
import { peopleRoutes } from './people/people.routes'
import { createPeopleService } from './people/people.service'
import { createPersonTagsService } from './people/people.tags.service'
import { publicAddressSource } from './places/addresses.public'
import { createBuildingsService } from './places/buildings.service'
import { householdVisitsRoutes } from './places/household-visits.routes'
import { createHouseholdVisitsService } from './places/household-visits.service'
import { householdsRoutes } from './places/households.routes'
import { createHouseholdsService } from './places/households.service'
import { placesRoutes } from './places/places.routes'
import { placesFollowGrids } from './places/places.succession'
import { createResidencesService } from './places/residences.service'
import { proposalsRoutes } from './proposals/proposals.routes'
import { createProposalsService, proposalTargets } from './proposals/proposals.service'
import { devicesRoutes } from './things/devices.routes'
import { createDevicesService } from './things/devices.service'

/**
 * The ledgers' routes and their hooks into the grids (records follow splits and merges). Each part
 * registers itself here: people, places (addresses, buildings, rooms, households), groups and visits,
 * organisations, devices, disputes, code tables, imports, field proposals 采集 → 审核, the events linked to records and the
 * subtree's reveal log 查看记录.
 */
export async function ledgersPlugin(app: FastifyInstance, opts: { deps: LedgerDeps }) {
  const { deps } = opts
  await app.register(organizationsRoutes, { organizations: createOrganizationsService(deps) })
  await app.register(devicesRoutes, { devices: createDevicesService(deps) })
  await app.register(disputesRoutes, { disputes: createDisputesService(deps) })
  const people = createPeopleService(deps)
  await app.register(peopleRoutes, { people, tags: createPersonTagsService(deps, people) })
  deps.grids.onSuccession(placesFollowGrids(deps.clock))
  await app.register(placesRoutes, {
    buildings: createBuildingsService(deps),
    residences: createResidencesService(deps),
  })
  const households = createHouseholdsService(deps)
  await app.register(householdsRoutes, { households })
  await app.register(proposalsRoutes, {
    proposals: createProposalsService(deps, proposalTargets(people, households)),
  })
  await app.register(householdVisitsRoutes, { visits: createHouseholdVisitsService(deps) })
  await app.register(codesRoutes, {
    codes: createCodesService(deps, (tx, policies) => rescheduleAll(tx, policies, chinaDay(deps.clock()))),
  })
  await app.register(groupsRoutes, { groups: createGroupsService(deps) })
  // After the people's own hook: a membership takes its person's grid.
  deps.grids.onSuccession(membershipsFollowPeople)
  await app.register(importsRoutes, { deps })
  await app.register(exportsRoutes, { exports: createRecordExports(deps) })
  await app.register(linksRoutes, { links: createLinksService(deps) })
  await app.register(accessRoutes, { access: createAccessService(deps) })
  deps.grids.onPlaceSearch(publicAddressSource(deps))
}
