/** Chinese titles for the problem codes people meet most; English titles come from where the problem is raised. */
export const ZH_TITLES: Record<string, string> = {
  'auth.invalid_credentials': '用户名或密码错误',
  'auth.locked': '登录失败次数过多，账户已暂时锁定',
  'auth.rate_limited': '登录尝试过于频繁，请稍后再试',
  'auth.unauthenticated': '请先登录',
  'auth.forbidden': '无权执行此操作',
  'auth.grant_exceeds_own': '不能授予超出本人权限或范围的角色',
  'auth.csrf': '请求来源不被允许',
  'auth.weak_password': '密码强度不足：至少 8 位，并包含大写字母、小写字母、数字、符号中的 3 类',
  'auth.wrong_current_password': '当前密码不正确',
  'auth.password_change_required': '请先修改密码',
  'auth.password_reused': '新密码不能与当前密码相同',
  'request.invalid': '请求参数不正确',
  'request.malformed_json': '请求体不是合法的 JSON',
  'request.too_large': '请求体过大',
  'request.unsupported_media_type': '不支持的内容类型',
  'route.not_found': '接口不存在',
  'user.not_found': '用户不存在',
  'user.username_taken': '用户名已被占用',
  'user.cannot_disable_self': '不能停用自己的账户',
  'role.not_found': '角色不存在',
  'role.key_taken': '角色标识已被占用',
  'role.builtin': '内置角色不可修改',
  'role.in_use': '角色仍被授予，不能删除',
  'role.unknown_permission': '包含未知的权限',
  'role.grant_exists': '该用户已在此范围拥有该角色',
  'role.grant_not_found': '授权不存在',
  'apikey.not_found': '接口密钥不存在',
  'resource.conflict': '数据冲突',
  'server.internal': '服务器内部错误',
  'server.unavailable': '服务暂不可用',
}

/** zh-CN unless the client prefers English (Accept-Language starting with en). */
export function prefersChinese(acceptLanguage: string | undefined): boolean {
  return !acceptLanguage || !/^\s*en\b/i.test(acceptLanguage)
}
