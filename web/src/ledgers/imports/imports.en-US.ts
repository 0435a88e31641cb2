import type { importsZhCN } from './imports.zh-CN'

/** English words of the ledgers' imports pages: the same keys as imports.zh-CN.ts. */
export const importsEnUS: typeof importsZhCN = {
  imports: {
    title: 'Ledger import and export',
    intro:
      'Fill in the template and upload it: each row is checked and matched by its ledger’s key (a record already registered is updated, never filed twice); download the error report, fix the rows and upload it again.',
    types: {
      people: 'People',
      organizations: 'Organisations',
      devices: 'Facilities and devices',
      buildings: 'Buildings',
      rooms: 'Rooms (houses)',
      disputes: 'Disputes',
      memberships: 'Special groups',
    },
    keyHints: {
      people: 'A person is matched by ID number.',
      organizations: 'An organisation is matched by credit code (without one, by name within its grid).',
      devices: 'A device is matched by its code.',
      buildings:
        'A building is matched by grid code and building code; a new one needs its coordinates and goes to the lowest grid holding them.',
      rooms:
        'A room is matched by its building (grid code, building code), unit and number; the building must be on the ledger, a missing unit is added.',
      disputes:
        'Each row records a new dispute (a dispute has no number of its own); parties may be named by ID number (already on the people ledger), the event by its number.',
      memberships:
        'A membership is matched by ID number and group: a person already in the group is updated, never added twice. Import the people first; you need the right to manage special groups.',
    },
    steps: { template: 'Template', upload: 'Upload', progress: 'Progress', result: 'Result' },
    type: 'Ledger',
    template: 'Download template',
    templateHint:
      'The template has drop-downs and an example row (skipped if left unchanged); ID and phone columns are text.',
    mode: 'Mode',
    modes: {
      valid_only: 'Import the valid rows',
      all_or_nothing: 'All or nothing',
    },
    modeHints: {
      valid_only: 'Valid rows are written; failed rows go to the error report.',
      all_or_nothing: 'Nothing is written if any row fails.',
    },
    grid: 'Default grid',
    gridHint: 'Rows with no grid code go to this grid',
    pick: 'Choose a file and upload',
    uploading: 'Uploading…',
    reupload: 'Upload the fixed sheet',
    statuses: { queued: 'Queued', running: 'Importing', done: 'Done', failed: 'Failed' },
    progress: '{{read}} rows read ({{created}} new, {{updated}} updated, {{failed}} failed)',
    summary: '{{read}} rows: {{created}} new, {{updated}} updated, {{failed}} failed',
    rolledBack: '{{failed}} rows failed: all or nothing, so nothing was written',
    failedJob: 'The import failed: {{reason}}',
    errorReport: 'Download error report',
    errorReportHint:
      'The error report keeps the rows as read, with an error column naming the row, the field and why; fix them and upload it again.',
    recent: 'My recent imports',
    none: 'No imports yet',
    file: 'File',
    status: 'Status',
    counts: 'New/updated/failed',
    at: 'When',
    export: {
      title: 'Export to Excel',
      intro:
        'Exports the people within your scope, masked by default; the file carries your name and the time, and the export is audited. At most 50,000 rows.',
      grid: 'Grids',
      kind: 'Kind',
      anyKind: 'All kinds',
      kinds: { registered: 'Registered', floating: 'Floating', foreign: 'Foreign' },
      unmask: 'Export in clear',
      reason: 'Why in clear',
      reasonRequired: 'Give a reason (at least 4 characters)',
      button: 'Export to Excel',
      fileStem: 'people',
    },
  },
}
