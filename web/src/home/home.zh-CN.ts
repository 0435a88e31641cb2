/** 简体中文 for the home page; home.en-US.ts has the same keys. */
export const homeZhCN = {
  home: { welcome: '欢迎，{{name}}', username: '用户名', roles: '角色与范围', noRoles: '尚未授予任何角色' },
}
