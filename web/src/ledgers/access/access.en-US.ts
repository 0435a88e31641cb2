import type { revealsZhCN } from './access.zh-CN'

/** English of the subtree's reveal log; access.zh-CN.ts is the reference. */
export const revealsEnUS: typeof revealsZhCN = {
  reveals: {
    title: 'Access log',
    help: 'Every time a record of your area was shown in clear, break-glass included: when, by whom, whose and why.',
    anyReader: 'Any reader',
    none: 'Nothing was shown in clear',
    more: 'Load more',
    reason: 'Reason',
    erased: '(personal data erased)',
    purposes: { unmask: 'Shown in clear', breakGlass: 'Break-glass' },
    types: { person: 'Person', organization: 'Organisation', group_membership: 'Special group' },
  },
}
