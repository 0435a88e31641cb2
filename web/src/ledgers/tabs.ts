/**
 * The ledgers' pages reached from the tab bar over each of them, by the permission each needs. Paths:
 * /ledgers/people (and /ledgers/people/:id, the profile 一人一档), /ledgers/households (and /:id, a
 * household 户 with its members), /ledgers/buildings (and /:id, the
 * building → unit → room view), /ledgers/groups (the special-groups board), /ledgers/visits (my due
 * visits), /ledgers/imports (and /:id, an import's report), /ledgers/reveals (the subtree's
 * reveal log 查看记录), /ledgers/proposals (the review queue of field corrections 采集审核).
 */
export const ledgerTabs = [
  { key: 'people', path: '/ledgers/people', permission: 'ledger.read' },
  { key: 'households', path: '/ledgers/households', permission: 'ledger.read' },
  { key: 'buildings', path: '/ledgers/buildings', permission: 'ledger.read' },
  { key: 'groups', path: '/ledgers/groups', permission: 'ledger.special' },
  { key: 'visits', path: '/ledgers/visits', permission: 'ledger.special' },
  { key: 'organizations', path: '/ledgers/organizations', permission: 'ledger.read' },
  { key: 'devices', path: '/ledgers/devices', permission: 'ledger.read' },
  { key: 'disputes', path: '/ledgers/disputes', permission: 'ledger.read' },
  { key: 'imports', path: '/ledgers/imports', permission: 'ledger.export' },
  { key: 'reveals', path: '/ledgers/reveals', permission: 'ledger.break_glass' },
  { key: 'proposals', path: '/ledgers/proposals', permission: 'ledger.review' },
] as const

export type LedgerTabKey = (typeof ledgerTabs)[number]['key']
