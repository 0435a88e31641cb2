import { expect, test } from './csp-guard'

test('the server sends its Content-Security-Policy with the web app', async ({ page }) => {
  const response = await page.goto('/login')
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'")
})

test('a journey whose page breaks the Content-Security-Policy fails', async ({ page }) => {
  test.fail(true, 'the guard must turn a blocked image into a failed journey')
  await page.goto('/login')
  await page.evaluate(
    "document.body.append(Object.assign(document.createElement('img'), { src: 'https://example.invalid/x.png' }))",
  )
  await page.waitForTimeout(500)
})
