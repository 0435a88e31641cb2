import type { bulletinsZhCN } from './bulletins.zh-CN'

/** English of the bulletins. */
export const bulletinsEnUS: typeof bulletinsZhCN = {
  bulletins: {
    title: 'Bulletins',
    help: 'A bulletin is composed per area and period: event indicators, the areas within, the assessment’s red and black lists and stars, top problems, overdue cases and good examples. Once published it appears on the workbench of everyone in the area.',
    tabs: { published: 'Published', draft: 'Drafts' },
    compose: {
      title: 'Compose a bulletin',
      period: 'Period',
      area: 'Area',
      areaPlaceholder: 'Your own area',
      submit: 'Compose',
      again: 'Compose again',
    },
    columns: {
      title: 'Title',
      period: 'Period',
      state: 'State',
      composedAt: 'Composed',
      publishedAt: 'Published',
    },
    state: { draft: 'Draft', published: 'Published' },
    empty: 'No bulletins yet',
    print: 'Print',
    pdf: 'Download PDF',
    xlsx: 'Download Excel',
    publish: 'Publish',
    publishConfirm:
      'Once published the bulletin appears on the workbench of everyone in the area and can no longer change. Publish it?',
    published: 'Published',
    meta: 'Composed by {{by}} · {{at}}',
    metaPublished: 'Published by {{by}} · {{at}}',
    back: 'Back to bulletins',
    card: { title: 'Bulletins', more: 'All bulletins' },
    noRows: 'None',
  },
}
