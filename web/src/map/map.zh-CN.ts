/** The maps' words: the legend, the place search. */
export const mapZhCN = {
  map: {
    legend: '图例',
    level: { district: '区/县', street: '街道/镇', community: '社区/村', grid: '网格', micro: '微网格' },
    search: {
      placeholder: '搜索街道、社区',
      empty: '没有找到这个地方',
      label: '搜索地点',
    },
  },
}
