import type { mapZhCN } from './map.zh-CN'

export const mapEnUS: typeof mapZhCN = {
  map: {
    legend: 'Legend',
    level: {
      district: 'District',
      street: 'Street/town',
      community: 'Community',
      grid: 'Grid',
      micro: 'Micro-grid',
    },
    search: {
      placeholder: 'Search streets, communities',
      empty: 'No such place',
      label: 'Search for a place',
    },
  },
}
