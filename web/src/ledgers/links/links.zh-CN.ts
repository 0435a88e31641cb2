/** 简体中文 of the records an event concerns, on the event's page; links.en-US.ts has the same keys. */
export const ledgerLinksZhCN = {
  ledgerLinks: {
    title: '涉及对象',
    none: '暂无关联的人、房、组织',
    add: '关联对象',
    unlink: '取消关联',
    unlinkConfirm: '取消该对象与本事件的关联？',
    linked: '已关联',
    unlinked: '已取消关联',
    buildingSearch: '搜索标准地址（路名门牌、小区、楼栋）',
    room: '选择房屋',
    organizationSearch: '组织名称或统一社会信用代码',
    types: { person: '人员', room: '房屋', organization: '组织' },
  },
}
