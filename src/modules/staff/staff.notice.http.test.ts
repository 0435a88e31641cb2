import QRCode from 'qrcode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'
import { box } from '../../../test/support/geo'

let t: TestApp
let admin: { cookie: string }
let d = 0
beforeAll(async () => {
  t = await testApp({ WANGGE_SUPERVISION_HOTLINE: '028-12345' })
  admin = await t.as([{ key: 'admin' }])
})
afterAll(() => t?.close())

/** A grid of its own under a district; answers its code. */
async function grid() {
  d += 1
  const district = String(560100 + d)
  const post = (body: Record<string, unknown>) =>
    t.call({ method: 'POST', url: '/api/grids', cookie: admin.cookie, payload: body })
  await post({ code: district, name: '区', level: 'district', boundary: box(60 + d, 30, 0.4) })
  await post({
    code: `${district}001`,
    name: '街道',
    level: 'street',
    parentCode: district,
    boundary: box(60 + d, 30, 0.2),
  })
  return `${district}001`
}

const open = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers })

/** The QR codes of the printed sheet, each as the SVG the page carries. */
const qrCodes = (html: string) =>
  Object.fromEntries(
    [...html.matchAll(/<figure data-qr="(\w+)">\s*(<svg[\s\S]*?<\/svg>)/g)].map((m) => [m[1], m[2]]),
  )
/** The QR code of a link as the qrcode package draws it, independently of the page's renderer. */
const qrOf = async (url: string) =>
  (await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })).trim()

describe('the notice board 公示牌', () => {
  it('links to the resident report page and to its printable QR codes', async () => {
    const code = await grid()
    const page = await open(`/notice/${code}`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('<a class="button primary" href="/report">我要上报问题</a>')
    expect(page.body).toContain(`href="/notice/${code}/print"`)
    expect(page.headers.vary).toMatch(/accept-language/i)
  })

  it('shows only what the board publishes: no account behind a post', async () => {
    const code = await grid()
    const worker = await t.make.user()
    await t.call({
      method: 'POST',
      url: `/api/grids/${code}/posts`,
      cookie: admin.cookie,
      payload: { post: 'full_time_worker', userId: worker.id },
    })
    const page = await open(`/notice/${code}`)
    expect(page.body).toContain('专职网格员')
    expect(page.body).not.toContain(worker.id)
    expect(page.body).not.toContain(worker.username)
  })

  it('adds English beside the Chinese for a reader who asks for it', async () => {
    const code = await grid()
    const page = await open(`/notice/${code}`, { 'accept-language': 'en-US,en;q=0.9' })
    expect(page.body).toContain('网格公示牌 <span class="en" lang="en">Grid notice board</span>')
    expect(page.body).toContain('Report a problem')
    expect((await open(`/notice/${code}`)).body).not.toContain('Report a problem')
  })

  it.each([
    ['an unknown code', '999999999'],
    ['a code of letters', 'abc'],
    ['markup in the code', '<script>x</script>'],
  ])('answers %s with a 404 page in the board’s look, not an error', async (_, code) => {
    for (const path of ['', '/print']) {
      const page = await open(`/notice/${encodeURIComponent(code)}${path}`)
      expect(page.statusCode).toBe(404)
      expect(page.headers['content-type']).toMatch(/^text\/html/)
      expect(page.body).toContain('<header><h1>网格公示牌</h1>')
      expect(page.body).toContain('没有找到这个网格')
      expect(page.body).toContain('href="/report"')
      expect(page.body).toContain('028-12345')
      expect(page.body).not.toContain('<script>')
      expect(page.body).not.toMatch(/Error|stack|\.ts:\d+|at \w+ \(/)
    }
    const english = await open(`/notice/${encodeURIComponent(code)}`, { 'accept-language': 'en' })
    expect(english.body).toContain('没有找到这个网格 <span class="en" lang="en">No such grid</span>')
  })
})

describe('the printable QR codes', () => {
  it('encode the report page and the board at the address the request came to', async () => {
    const code = await grid()
    const sheet = await open(`/notice/${code}/print`, { host: 'wangge.test:8080' })
    expect(sheet.statusCode).toBe(200)
    expect(sheet.headers['content-type']).toMatch(/^text\/html/)
    expect(sheet.body).toContain('@page{size:A4 portrait')
    expect(sheet.body).toContain('街道 网格公示牌')
    const codes = qrCodes(sheet.body)
    expect(codes.report).toBe(await qrOf('http://wangge.test:8080/report'))
    expect(codes.board).toBe(await qrOf(`http://wangge.test:8080/notice/${code}`))
    expect(codes.report).not.toBe(codes.board)
    expect(sheet.body).toContain('<div class="url">http://wangge.test:8080/report</div>')
  })

  it('encode the configured public address when the desk is reached on another one', async () => {
    const other = await testApp({ WANGGE_PUBLIC_URL: 'https://wangge.example.cn/' })
    try {
      const otherAdmin = await other.as([{ key: 'admin' }])
      await other.call({
        method: 'POST',
        url: '/api/grids',
        cookie: otherAdmin.cookie,
        payload: { code: '570101', name: '区', level: 'district', boundary: box(50, 30, 0.4) },
      })
      const sheet = await other.app.inject({
        method: 'GET',
        url: '/notice/570101/print',
        headers: { host: '10.0.0.5' },
      })
      const codes = qrCodes(sheet.body)
      expect(codes.report).toBe(await qrOf('https://wangge.example.cn/report'))
      expect(codes.board).toBe(await qrOf('https://wangge.example.cn/notice/570101'))
      expect(sheet.body).not.toContain('10.0.0.5')
    } finally {
      await other.close()
    }
  }, 180_000)
})
