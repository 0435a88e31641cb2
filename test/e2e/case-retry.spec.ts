import { expect, test } from './csp-guard'
import { ADMIN, adminApi, json, openCreatePage, pickMapCentre, signIn } from './journey'

interface Filed {
  id: string
  no: string
  description: string
}

/** One POST /api/cases as the browser sent it, and what came of it. */
interface Sent {
  key: string | undefined
  body: string | null
  /** What the server answered; for the first, the browser never saw it. */
  status?: number
  replayed?: string | undefined
  filed?: Filed
}

test('a report whose answer is lost on a weak connection is sent again under its key and filed once', async ({
  page,
  baseURL,
}) => {
  // The map loads, and the page waits a second before it tries again.
  test.setTimeout(120_000)
  const description = `井盖旁堆放的生活垃圾无人清运（${Date.now()}）`
  const sent: Sent[] = []
  const answered: Promise<void>[] = []

  // The first report reaches the server, but its answer is lost on the way back: the browser sees a
  // failed connection. Every later report goes through untouched.
  await page.route('**/api/cases', async (route, request) => {
    if (request.method() !== 'POST') return route.fallback()
    const attempt: Sent = { key: request.headers()['idempotency-key'], body: request.postData() }
    sent.push(attempt)
    if (sent.length === 1) {
      const response = await route.fetch()
      attempt.status = response.status()
      attempt.replayed = response.headers()['idempotent-replayed']
      attempt.filed = (await response.json()) as Filed
      await route.abort('failed')
      return
    }
    await route.continue()
  })
  // What the browser itself got for the reports that went through.
  page.on('response', (response) => {
    const request = response.request()
    if (request.method() !== 'POST' || !response.url().endsWith('/api/cases')) return
    // The tries go one after another: an answer is the last try's.
    const attempt = sent.at(-1)
    if (!attempt || attempt.status !== undefined) return
    answered.push(
      response.json().then((body) => {
        attempt.status = response.status()
        attempt.replayed = response.headers()['idempotent-replayed']
        attempt.filed = body as Filed
      }),
    )
  })
  const failed: string[] = []
  page.on('requestfailed', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/api/cases'))
      failed.push(request.failure()?.errorText ?? '')
  })

  await signIn(page, ADMIN)
  await openCreatePage(page, { code: '06010', name: '暴露垃圾' })
  await page.getByLabel('事件描述').fill(description)
  await pickMapCentre(page)
  await page.getByTestId('case-submit').click()

  // The reporter sees their case filed, as if the connection had never failed.
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/)
  await expect(page.getByTestId('case-no')).toHaveText(/^E\d{14}$/)
  const no = (await page.getByTestId('case-no').textContent()) ?? ''
  await expect(page.getByText(`事件 ${no} 已上报`)).toBeVisible()
  await expect(page.getByTestId('case-state')).toHaveText('待受理')
  await expect(page.getByText('无法连接服务器，请检查网络')).toHaveCount(0)
  const id = page.url().split('/').at(-1) ?? ''
  await Promise.all(answered)

  // Two tries: the first filed the case and its answer was lost; the second, sent under the same key
  // with the same report, was answered with that same case, replayed.
  expect(failed).toHaveLength(1)
  expect(sent).toHaveLength(2)
  const [first, retry] = sent as [Sent, Sent]
  expect(first.key).toMatch(/^[0-9a-f]{32}$/)
  expect(retry.key).toBe(first.key)
  expect(retry.body).toBe(first.body)
  expect(first.status).toBe(201)
  expect(first.replayed).toBeUndefined()
  expect(first.filed?.description).toBe(description)
  expect(retry.status).toBe(201)
  expect(retry.replayed).toBe('true')
  expect(retry.filed?.id).toBe(first.filed?.id)
  expect(id).toBe(first.filed?.id)
  expect(no).toBe(first.filed?.no)

  // And the district has exactly one such case.
  const api = await adminApi(baseURL ?? '')
  const list = await json<{ items: Filed[] }>(
    await api.get('/api/cases', { params: { category: '06010', limit: 200 } }),
  )
  await api.dispose()
  const mine = list.items.filter((c) => c.description === description)
  expect(mine.map((c) => c.id)).toEqual([id])
})
