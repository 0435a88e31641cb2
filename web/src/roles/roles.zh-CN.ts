/** 简体中文 for the role pages; roles.en-US.ts has the same keys. */
export const rolesZhCN = {
  roles: {
    key: '标识',
    keyHelp: '小写字母开头，仅含小写字母、数字和下划线，创建后不可修改',
    name: '名称',
    nameZh: '中文名称',
    nameEn: '英文名称',
    permissions: '权限',
    kind: '类型',
    builtin: '内置',
    custom: '自定义',
    create: '新建角色',
    edit: '编辑角色',
    saved: '角色已保存',
    deleted: '角色已删除',
    deleteConfirm: '确定删除该角色？',
  },
}
