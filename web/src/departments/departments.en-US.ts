import type { departmentsZhCN } from './departments.zh-CN'

/** English for the departments page; the same keys as departments.zh-CN.ts. */
export const departmentsEnUS: typeof departmentsZhCN = {
  departments: {
    code: 'Code',
    codeHelp: 'Letters, digits, _ or -; fixed once created (routing rules quote it)',
    name: 'Name',
    kind: 'Kind',
    kindNone: 'No kind',
    contactPhone: 'Duty phone',
    parent: 'Parent department',
    grids: 'Grids served',
    gridsNone: 'Serves no grid yet',
    staff: 'Staff',
    staffNone: 'Nobody yet (grant a role scoped to this department under Users)',
    inactive: 'Disabled',
    create: 'New department',
    edit: 'Edit',
    editTitle: 'Edit {{name}}',
    created: 'Department created',
    updated: 'Department saved',
    serve: 'Serve a grid',
    served: 'Grid added',
    unserve: 'Remove',
    unserveConfirm: 'Stop serving {{name}}?',
    unserved: 'Grid removed',
    pickGrid: 'Pick a grid',
    none: 'No departments yet',
    details: 'Department',
  },
}
