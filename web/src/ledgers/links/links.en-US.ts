import type { ledgerLinksZhCN } from './links.zh-CN'

/** English of the records an event concerns; links.zh-CN.ts is the reference. */
export const ledgerLinksEnUS: typeof ledgerLinksZhCN = {
  ledgerLinks: {
    title: 'People and places concerned',
    none: 'No person, room or organisation linked',
    add: 'Link a record',
    unlink: 'Unlink',
    unlinkConfirm: 'Unlink this record from the event?',
    linked: 'Linked',
    unlinked: 'Unlinked',
    buildingSearch: 'Search a standard address (road and number, estate, building)',
    room: 'Pick the room',
    organizationSearch: 'Organisation name or credit code',
    types: { person: 'Person', room: 'Room', organization: 'Organisation' },
  },
}
