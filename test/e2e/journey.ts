import { expect, type Page } from '@playwright/test'
import { ADMIN_PASSWORD } from './server'

export interface Account {
  username: string
  password: string
}

export const ADMIN: Account = { username: 'admin', password: ADMIN_PASSWORD }
export const WORKER = { username: 'worker1', displayName: '张网格', password: 'Worker#2026x' }

/** Signs in through the form, as a person would, and waits for the desk to show who is signed in. */
export async function signIn(page: Page, account: Account) {
  await page.goto('/login')
  await page.getByLabel('用户名', { exact: true }).fill(account.username)
  await page.getByLabel('密码', { exact: true }).fill(account.password)
  await page.getByRole('button', { name: '登录' }).click()
  await expect(page.getByTestId('current-user')).toBeVisible()
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: '退出登录' }).click()
  await expect(page).toHaveURL(/\/login$/)
}
