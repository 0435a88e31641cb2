import type { warningsZhCN } from './warnings.zh-CN'

/** English for early warning (the workbench's ticker, the list and a warning's detail). */
export const warningsEnUS: typeof warningsZhCN = {
  warnings: {
    title: 'Warnings',
    help: 'Every ten minutes the system looks through the events: a category rising sharply or steadily, events crowding one spot, the same place complained of again and again, a worker on patrol gone silent or out of their grid. Check each, then acknowledge it, dismiss it or convert it into an event.',
    all: 'All',
    none: 'No warnings',
    more: 'Load more',
    tabs: { open: 'Open', acknowledged: 'Acknowledged', dismissed: 'Dismissed', converted: 'Converted' },
    states: {
      open: 'Open',
      acknowledged: 'Acknowledged',
      dismissed: 'Dismissed',
      converted: 'Converted',
      converting: 'Being converted',
    },
    rules: {
      rise: 'Sharp rise',
      gradual_rise: 'Steady rise',
      hotspot: 'Hotspot',
      repeat_place: 'Repeat complaints',
      worker_offline: 'Worker silent',
      outside_grid: 'Out of grid',
    },
    levels: { red: 'Red', yellow: 'Yellow' },
    columns: { level: 'Level', rule: 'Kind', title: 'Warning', place: 'Place', raisedAt: 'Raised' },
    ticker: { title: 'Warnings', none: 'No open warnings in my areas', count: '{{count}} open' },
    place: { whole: 'Whole deployment' },
    measured: {
      title: 'What was measured',
      rise: '{{count}} today against {{baseline}} a day over the last 28 days; {{yesterday}} yesterday.',
      gradual_rise:
        'Above its earlier level for a week: {{count}} today against {{baseline}} a day before; {{yesterday}} yesterday.',
      hotspot:
        '{{count}} events of one kind within about {{radius}} m in 72 hours (the rule: at least 8 within 100 m).',
      repeat_place:
        '{{count}} complaints from residents or the hotline within {{radius}} m of each other in 30 days (the rule: at least 3 within 30 m).',
      worker_offline: 'On patrol, no position for {{silent}} minutes (the rule: 15 minutes).',
      outside_grid: 'On patrol, the latest position is more than 50 m outside their grid.',
      count: 'Events',
      baseline: 'Daily baseline',
      yesterday: 'Yesterday',
      yesterdayP: '{{count}} (p = {{p}})',
      p: 'p-value',
      pHelp: 'The chance of a day like this at the last 28 days’ level: the smaller, the more unusual',
      weekP: 'p-value of the week',
      radius: 'Radius',
      metres: '{{value}} m',
      day: 'Day',
      window: 'Day',
      cases: '{{count}} events behind it',
      casesShown: '{{count}} events behind it (the first {{shown}} listed)',
      noCases: 'No events listed',
    },
    outcome: {
      title: 'Outcome',
      by: '{{state}} by {{who}} at {{at}}',
      reason: 'Reason: {{reason}}',
      case: 'The event it became: ',
    },
    actions: {
      acknowledge: 'Acknowledge',
      dismiss: 'Dismiss',
      convert: 'Convert to event',
      acknowledged: 'Warning acknowledged',
      dismissed: 'Warning dismissed',
      converted: 'Converted into event {{no}}',
    },
    acknowledgeDialog: {
      title: 'Acknowledge the warning',
      hint: 'Says you know of it and will watch it; a note is optional.',
      placeholder: 'e.g. a grid worker will look at the place',
    },
    dismissDialog: {
      title: 'Dismiss the warning',
      hint: 'Say why nothing needs doing: the reason is kept with the warning.',
      placeholder: 'e.g. the same event reported several times, merged',
    },
    convertConfirm: {
      title: 'Convert this warning into an event?',
      content:
        'A new event is reported at the warning’s place, of the commonest category among the events behind it, listing their numbers.',
    },
    raisedAt: 'Raised {{at}}',
    updatedAt: 'Updated {{at}}',
  },
}
