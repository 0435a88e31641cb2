import type { datakeysZhCN } from './datakeys.zh-CN'

/** English for the data-key rotation page: the same keys as datakeys.zh-CN.ts. */
export const datakeysEnUS: typeof datakeysZhCN = {
  dataKeys: {
    title: 'Data keys',
    intro:
      'Personal data (ID numbers, phones, exact addresses, notes on special groups) is encrypted field by field. Each value records its algorithm and key id; this page shows key ids, never keys.',
    algorithm: 'Algorithm of new values',
    current: 'Current key',
    retired: 'Retired key',
    keys: 'Keys the server holds',
    table: 'Table',
    column: 'Column',
    keyId: 'Key id',
    legacy: 'Earlier format (key not named)',
    count: 'Values',
    underRetired:
      '{{count}} values are still sealed under a retired key: start the re-encryption; the old key can go only once it is done.',
    allCurrent: 'Every value that names its key is sealed under the current key.',
    start: 'Start re-encryption',
    started: 'Re-encryption started',
    running: 'Re-encrypting',
    statuses: { running: 'Running', done: 'Done', failed: 'Failed' },
    lastRun: 'Last re-encryption',
    rowsDone: '{{count}} rows re-encrypted',
    startedBy: 'Started by {{who}} at {{at}}',
    finishedAt: 'Finished at {{at}}',
    tables: {
      people: 'People',
      group_memberships: 'Special groups',
      visits: 'Visits',
      organizations: 'Organisations',
      cases: 'Events',
      second_factors: 'Second factors',
    },
    columns: {
      id_number_sealed: 'ID number',
      phone_sealed: 'Phone',
      registered_address_sealed: 'Registered address',
      current_address_sealed: 'Current address',
      notes_sealed: 'Notes',
      contact_phone_sealed: 'Contact phone',
      reporter_contact: "Reporter's contact",
      secret: 'Authenticator secret',
      pending_secret: 'Pending authenticator secret',
    },
    howTo: 'How to rotate the key',
    steps: {
      s1: 'Make a new key: openssl rand -base64 32.',
      s2: 'Set it as WANGGE_DATA_KEY, put the old key in WANGGE_DATA_KEYS_RETIRED (comma-separated), restart every node.',
      s3: 'Start the re-encryption on this page; it works in pages and resumes after a restart.',
      s4: 'When it is done and nothing is left under a retired key, remove the old key from WANGGE_DATA_KEYS_RETIRED and restart again. Old backups still need the old key: keep it safe.',
    },
  },
}
