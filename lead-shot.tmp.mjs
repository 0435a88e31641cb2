import { chromium } from 'playwright'
const [,, user, pass, path, out, width = '1280', height = '800'] = process.argv
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' })
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) }, locale: 'zh-CN' })
await page.goto('http://localhost:3100/login')
await page.getByLabel(/用户名|Username/).fill(user)
await page.getByLabel(/密码|Password/).first().fill(pass)
await page.keyboard.press('Enter')
await page.waitForTimeout(2000)
await page.goto('http://localhost:3100' + path)
await page.waitForTimeout(2500)
await page.screenshot({ path: out, fullPage: true })
console.log(page.url())
await browser.close()
