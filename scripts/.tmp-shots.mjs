import { chromium } from '@playwright/test'
const base = 'http://127.0.0.1:3417'
const out = '/tmp/places-shots'
// settle password
{
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ username: 'worker1', password: 'W0rker#Places2026' }) })
  if (login.ok) {
    const cookie = login.headers.get('set-cookie').split(';')[0]
    const r = await fetch(`${base}/api/auth/password`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base, cookie }, body: JSON.stringify({ currentPassword: 'W0rker#Places2026', newPassword: 'W0rker#Places2027' }) })
    console.log('pw', r.status)
  }
}
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
for (const [tag, viewport] of [['desk', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]]) {
  const page = await browser.newPage({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  await page.goto(`${base}/login`)
  await page.getByLabel('用户名', { exact: true }).fill('worker1')
  await page.getByLabel('密码', { exact: true }).fill('W0rker#Places2027')
  await page.getByRole('button', { name: '登录' }).click()
  await page.getByTestId('current-user').or(page.getByTestId('bottom-nav')).waitFor()
  await page.goto(`${base}/ledgers/buildings`)
  await page.waitForTimeout(2500)
  await page.screenshot({ path: `${out}/${tag}-1-list.png`, fullPage: true })
  await page.getByTestId('building-add').click()
  await page.waitForTimeout(2500)
  await page.screenshot({ path: `${out}/${tag}-2-add.png` })
  await page.keyboard.press('Escape')
  await page.waitForTimeout(500)
  const first = tag === 'desk' ? page.locator('[data-testid=building-table] tbody tr').first() : page.getByTestId('building-item').first()
  await first.click()
  await page.waitForTimeout(2000)
  await page.screenshot({ path: `${out}/${tag}-3-building.png`, fullPage: true })
  await page.getByTestId('room-tile').first().click()
  await page.waitForTimeout(1500)
  await page.screenshot({ path: `${out}/${tag}-4-room.png` })
  await page.getByTestId('move-in').click()
  await page.waitForTimeout(800)
  await page.screenshot({ path: `${out}/${tag}-5-movein.png` })
  await page.keyboard.press('Escape')
  await page.waitForTimeout(500)
  await page.getByTestId('rental-add').click()
  await page.waitForTimeout(800)
  await page.screenshot({ path: `${out}/${tag}-6-rental.png` })
  await page.keyboard.press('Escape')
  await page.waitForTimeout(500)
  await page.getByTestId('room-edit').click()
  await page.waitForTimeout(800)
  await page.screenshot({ path: `${out}/${tag}-7-edit.png` })
  await page.close()
}
await browser.close()
