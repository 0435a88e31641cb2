import { type Browser, type BrowserContext, test as base, expect } from '@playwright/test'

/**
 * Every journey runs under the server's Content-Security-Policy; anything it blocks (a script, a
 * style, a worker, a tile, the inbox WebSocket) fails the journey that hit it. Specs import `test`
 * and `expect` from here instead of from @playwright/test.
 */
const violations: string[] = []
const watched = new WeakSet<BrowserContext>()

async function watch(context: BrowserContext) {
  if (watched.has(context)) return
  watched.add(context)
  // The event reaches the page's document (workers report theirs to it too); logging it hands it
  // to the console listener below with what was blocked and by which directive.
  await context.addInitScript(`document.addEventListener('securitypolicyviolation', (e) => {
    console.error('CSP violation: ' + e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' in ' + e.sourceFile)
  })`)
  context.on('console', (message) => {
    const text = message.text()
    if (/CSP violation|Content Security Policy/i.test(text))
      violations.push(`${message.location().url}: ${text}`)
  })
  context.on('weberror', (error) => {
    if (/Content Security Policy/i.test(error.error().message)) violations.push(error.error().message)
  })
}

/** Contexts a spec opens itself (a phone, a second desk) are watched too. */
function watchNewContexts(browser: Browser) {
  const open = browser.newContext.bind(browser)
  browser.newContext = async (options) => {
    const context = await open(options)
    await watch(context)
    return context
  }
}

export const test = base.extend<{ cspGuard: undefined }, { watchedBrowser: undefined }>({
  watchedBrowser: [
    async ({ browser }, use) => {
      watchNewContexts(browser)
      await use(undefined)
    },
    { scope: 'worker', auto: true },
  ],
  context: async ({ context }, use) => {
    await watch(context)
    await use(context)
  },
  cspGuard: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      violations.length = 0
      await use(undefined)
      expect(violations, 'Content-Security-Policy violations').toEqual([])
    },
    { auto: true },
  ],
})

export { expect }
