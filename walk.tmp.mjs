import { chromium } from '@playwright/test'
const base = 'http://localhost:3900'
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' })
const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
const login = await page.request.post(`${base}/api/auth/login`, { data: { username: 'admin', password: process.env.PW }, headers: { origin: base } })
console.log('login', login.status())
const ch = await page.request.post(`${base}/api/auth/password`, { data: { currentPassword: process.env.PW, newPassword: 'Wall&Screen#2026q' }, headers: { origin: base } })
console.log('change', ch.status(), await ch.text())
await page.goto(`${base}/screen`)
await page.waitForTimeout(6000)
await page.screenshot({ path: '/tmp/walk-screen.png' })
const res = await page.request.get(`${base}/api/dashboard/screen?period=day`)
console.log(res.status(), (await res.text()).slice(0, 300))
await browser.close()
