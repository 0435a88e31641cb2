/** 简体中文 for the API key page; apikeys.en-US.ts has the same keys. */
export const apikeysZhCN = {
  apikeys: {
    name: '名称',
    nameHelp: '写明调用方，如“12345 热线对接”',
    prefix: '前缀',
    role: '角色',
    createdAt: '创建时间',
    lastUsedAt: '最近使用',
    status: '状态',
    active: '有效',
    revokedAt: '已吊销 {{time}}',
    create: '新建接口密钥',
    createdTitle: '接口密钥“{{name}}”已创建',
    onceWarning: '密钥只显示这一次，关闭后无法再次查看，请立即复制并妥善保存',
    copy: '复制',
    copied: '已复制',
    saved: '我已保存',
    revoke: '吊销',
    revokeConfirm: '吊销后使用该密钥的系统将无法访问，确定吊销？',
    revoked: '接口密钥已吊销',
  },
}
