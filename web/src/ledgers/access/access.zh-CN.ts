/** 简体中文 of the subtree's reveal log; access.en-US.ts has the same keys. */
export const revealsZhCN = {
  reveals: {
    title: '查看记录',
    help: '本辖区内台账记录的每一次明文查看与破窗查看：时间、查看人、对象与原因。',
    anyReader: '全部查看人',
    none: '暂无明文查看记录',
    more: '加载更多',
    reason: '原因',
    erased: '（个人信息已删除）',
    purposes: { unmask: '显示明文', breakGlass: '破窗查看明文' },
    types: { person: '人员', organization: '组织', group_membership: '特殊人群' },
  },
}
