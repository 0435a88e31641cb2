/** 简体中文 for the signed-in shell: the header and the missing page; layout.en-US.ts has the same keys. */
export const layoutZhCN = {
  header: { changePassword: '修改密码', twoStep: '两步验证', devices: '我的设备', signOut: '退出登录' },
  nav: { label: '主导航', cases: '事件', report: '上报', grids: '网格', home: '工作台', me: '我的' },
  notFound: { text: '页面不存在' },
}
