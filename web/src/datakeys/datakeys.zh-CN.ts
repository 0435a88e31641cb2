/** 简体中文 for the data-key rotation page; datakeys.en-US.ts has the same keys. */
export const datakeysZhCN = {
  dataKeys: {
    title: '数据密钥',
    intro:
      '个人信息（证件号码、电话、详细地址、特殊人群备注）按字段加密存储。每个值记录其加密算法和密钥编号；页面只显示密钥编号，不显示密钥。',
    algorithm: '新数据的加密算法',
    current: '当前密钥',
    retired: '已退役密钥',
    keys: '服务器持有的密钥',
    table: '数据表',
    column: '字段',
    keyId: '密钥编号',
    legacy: '早期格式（不记录密钥编号）',
    count: '数量',
    underRetired: '{{count}} 个值仍由已退役密钥加密：请开始重新加密，完成后才能移除旧密钥。',
    allCurrent: '所有带密钥编号的值都已由当前密钥加密。',
    start: '开始重新加密',
    started: '已开始重新加密',
    running: '重新加密中',
    statuses: { running: '进行中', done: '已完成', failed: '失败' },
    lastRun: '最近一次重新加密',
    rowsDone: '已重新加密 {{count}} 行',
    startedBy: '{{who}} 于 {{at}} 开始',
    finishedAt: '完成于 {{at}}',
    howTo: '如何轮换密钥',
    steps: {
      s1: '生成新密钥：openssl rand -base64 32。',
      s2: '把新密钥设为 WANGGE_DATA_KEY，把旧密钥放入 WANGGE_DATA_KEYS_RETIRED（多个用逗号分隔），重启所有节点。',
      s3: '在本页开始重新加密；任务分批进行，重启后从中断处继续。',
      s4: '完成且“已退役密钥”下的数量为 0 后，从 WANGGE_DATA_KEYS_RETIRED 移除旧密钥并再次重启。旧备份仍需旧密钥才能恢复，请妥善保管。',
    },
  },
}
