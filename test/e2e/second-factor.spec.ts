import { Secret, TOTP } from 'otpauth'
import { expect, test } from './csp-guard'
import { adminApi, createUser, SECURITY_ADMIN, signIn, signOut } from './journey'

/** The code an authenticator app would show, `stepsAhead` 30-second steps from now. */
const codeOf = (secret: string, stepsAhead = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: Date.now() + stepsAhead * 30_000,
  })

const SHOTS = process.env.E2E_SCREENSHOTS

test('a user enrols an authenticator app, signs in with its code, and a recovery code works once', async ({
  page,
  baseURL,
}) => {
  // Four sign-ins, an enrolment and a reset: longer than one journey step.
  test.setTimeout(180_000)
  const api = await adminApi(baseURL ?? '')
  const user = { username: `tfa${Date.now()}`, displayName: '王两步', password: 'TwoStep#2026x' }
  await createUser(api, user, 'grid_worker', { type: 'grid', path: '' })
  await api.dispose()

  const signInWithPassword = async () => {
    await page.goto('/login')
    await page.getByLabel('用户名', { exact: true }).fill(user.username)
    await page.getByLabel('密码', { exact: true }).fill(user.password)
    await page.getByRole('button', { name: '登录' }).click()
  }

  await signInWithPassword()
  await expect(page.getByTestId('current-user')).toBeVisible()
  await page.getByTestId('two-step').click()
  await page.getByRole('button', { name: '开始设置' }).click()
  await expect(page.getByTestId('two-step-qr')).toBeVisible()
  const secret = (await page.getByTestId('two-step-secret').textContent())?.trim() ?? ''
  expect(secret).toMatch(/^[A-Z2-7]{32}$/)
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/enrol-desk.png`, fullPage: true })
  await page.getByLabel('验证码', { exact: true }).fill(codeOf(secret))
  await page.getByRole('button', { name: '验证并启用' }).click()
  const codes = page.getByTestId('two-step-recovery').locator('li')
  await expect(codes).toHaveCount(10)
  const recoveryCode = (await codes.first().textContent())?.trim() ?? ''
  if (SHOTS) {
    await page.setViewportSize({ width: 390, height: 844 })
    await page.screenshot({ path: `${SHOTS}/recovery-phone.png`, fullPage: true })
  }
  await page.getByRole('button', { name: '我已保存' }).click()
  await signOut(page)

  // The code of the next time step: the one used to confirm is spent.
  await signInWithPassword()
  await expect(page.getByText('请输入身份验证器应用中的 6 位验证码')).toBeVisible()
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/second-step-phone.png`, fullPage: true })
  await page.getByLabel('验证码', { exact: true }).fill(codeOf(secret, 1))
  await page.getByRole('button', { name: '验证', exact: true }).click()
  await page.setViewportSize({ width: 1280, height: 800 })
  await expect(page.getByTestId('current-user')).toBeVisible()
  await signOut(page)

  const signInWithRecovery = async () => {
    await signInWithPassword()
    await page.getByTestId('login-use-recovery').click()
    await page.getByLabel('恢复码', { exact: true }).fill(recoveryCode)
    await page.getByRole('button', { name: '验证', exact: true }).click()
  }
  await signInWithRecovery()
  await expect(page.getByTestId('current-user')).toBeVisible()
  await signOut(page)

  await signInWithRecovery()
  await expect(page.getByTestId('login-error')).toContainText('验证码错误或已使用过')
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/recovery-spent-desk.png`, fullPage: true })
  await expect(page).toHaveURL(/\/login$/)

  // The phone is lost: the security administrator resets the factor, and the password alone signs in.
  await signIn(page, SECURITY_ADMIN)
  await page.goto('/users')
  await page.getByPlaceholder('搜索用户名或姓名').fill(user.username)
  await page.getByPlaceholder('搜索用户名或姓名').press('Enter')
  const row = page.getByRole('row').filter({ hasText: user.username })
  await row.getByTestId('reset-second-factor').click()
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/reset-desk.png`, fullPage: true })
  await page.locator('.ant-popconfirm').getByRole('button', { name: '确定' }).click()
  await expect(page.getByText('已重置两步验证')).toBeVisible()
  await signOut(page)
  await signInWithPassword()
  await expect(page.getByTestId('current-user')).toBeVisible()
})
