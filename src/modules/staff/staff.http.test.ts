import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'
import { box } from '../../../test/support/geo'

let t: TestApp
let admin: { cookie: string }
/** Reads the audit log (三员分立: not the system administrator's). */
let auditor: { cookie: string }
let d = 0
beforeAll(async () => {
  t = await testApp({ WANGGE_SUPERVISION_HOTLINE: '028-12345' })
  admin = await t.as([{ key: 'admin' }])
  auditor = await t.as([{ key: 'audit_admin' }])
})
afterAll(() => t?.close())

/** A chain district → street → community → grid of its own; answers the grid's code and path. */
async function gridChain() {
  d += 1
  const code = String(530100 + d)
  const x = 80 + d
  const post = (body: Record<string, unknown>) =>
    t.call({ method: 'POST', url: '/api/grids', cookie: admin.cookie, payload: body })
  await post({ code, name: '区', level: 'district', boundary: box(x, 30, 0.4) })
  await post({
    code: `${code}001`,
    name: '街道',
    level: 'street',
    parentCode: code,
    boundary: box(x, 30, 0.2),
  })
  await post({
    code: `${code}001001`,
    name: '社区',
    level: 'community',
    parentCode: `${code}001`,
    boundary: box(x, 30, 0.1),
  })
  const grid = await post({
    code: `${code}001001001`,
    name: '第一网格',
    level: 'grid',
    parentCode: `${code}001001`,
    boundary: box(x, 30, 0.05),
  })
  return { code: grid.json().code as string, path: grid.json().path as string }
}

const appoint = (code: string, body: Record<string, unknown>, cookie = admin.cookie) =>
  t.call({ method: 'POST', url: `/api/grids/${code}/posts`, cookie, payload: body })

describe('staff posts', () => {
  it('gives a user appointed to a post the matching role in that grid, and takes it back when the post ends', async () => {
    const grid = await gridChain()
    const worker = await t.make.user()
    const res = await appoint(grid.code, {
      post: 'full_time_worker',
      userId: worker.id,
      workPhone: '028-8888 0001',
      duties: '巡查、走访',
    })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ post: 'full_time_worker', postZh: '专职网格员' })
    const cookie = await t.login(worker.username, worker.password)
    const me = (await t.call({ method: 'GET', url: '/api/auth/me', cookie })).json()
    expect(me.grants).toEqual([
      expect.objectContaining({ roleKey: 'grid_worker', scope: { type: 'grid', path: grid.path } }),
    ])
    const ended = await t.call({
      method: 'DELETE',
      url: `/api/grids/${grid.code}/posts/${res.json().id}`,
      cookie: admin.cookie,
    })
    expect(ended.statusCode).toBe(204)
    expect((await t.call({ method: 'GET', url: '/api/auth/me', cookie })).json().grants).toEqual([])
    expect(
      (await t.call({ method: 'GET', url: `/api/grids/${grid.code}/posts`, cookie: admin.cookie })).json(),
    ).toEqual([])
  })

  it('refuses a holder given twice or not at all, and an appointer outside the grid', async () => {
    const grid = await gridChain()
    const worker = await t.make.user()
    expect(
      (await appoint(grid.code, { post: 'liaison', userId: worker.id, personName: '王五' })).json().code,
    ).toBe('request.invalid')
    expect((await appoint(grid.code, { post: 'liaison' })).json().code).toBe('request.invalid')
    expect((await appoint(grid.code, { post: 'mayor', personName: '王五' })).json().code).toBe(
      'request.invalid',
    )
    const other = await t.as([{ key: 'community_chief', scope: { type: 'grid', path: '999999.001.001' } }])
    const refused = await appoint(grid.code, { post: 'liaison', personName: '王五' }, other.cookie)
    expect(refused.statusCode).toBe(404)
  })

  it('reports grids with fewer than two workers until the second one comes', async () => {
    const grid = await gridChain()
    const listed = async () =>
      (await t.call({ method: 'GET', url: '/api/grids/understaffed?level=grid', cookie: admin.cookie }))
        .json()
        .grids.map((g: { code: string }) => g.code)
    await appoint(grid.code, { post: 'full_time_worker', personName: '赵一' })
    expect(await listed()).toContain(grid.code)
    await appoint(grid.code, { post: 'part_time_worker', personName: '钱二' })
    expect(await listed()).not.toContain(grid.code)
    expect(
      (
        await t.call({ method: 'GET', url: '/api/grids/understaffed?level=street', cookie: admin.cookie })
      ).json().code,
    ).toBe('staff.no_rule')
  })
})

describe('the staff page of a grid', () => {
  const get = (url: string, cookie = admin.cookie) => t.call({ method: 'GET', url, cookie })

  it('masks work phones unless asked, and records who read them in clear', async () => {
    const grid = await gridChain()
    const post = (
      await appoint(grid.code, { post: 'full_time_worker', personName: '吴一', workPhone: '13812345678' })
    ).json()
    expect(post).toMatchObject({ workPhone: '138****5678', phoneMasked: true })
    const masked = await get(`/api/grids/${grid.code}/posts`)
    expect(masked.json()).toEqual([expect.objectContaining({ workPhone: '138****5678', phoneMasked: true })])
    const reads = () => get(`/api/audit?action=personal_data.read&resourceId=${post.id}`, auditor.cookie)
    expect((await reads()).json().items).toEqual([])

    const unexplained = await get(`/api/grids/${grid.code}/staffing?unmask=true`)
    expect(unexplained.statusCode).toBe(400)
    expect(unexplained.json().code).toBe('staff.unmask_reason_required')
    expect((await reads()).json().items).toEqual([])

    const clear = await get(
      `/api/grids/${grid.code}/staffing?unmask=true&reason=${encodeURIComponent('回访核实')}`,
    )
    expect(clear.json().posts).toEqual([
      expect.objectContaining({ workPhone: '13812345678', phoneMasked: false }),
    ])
    expect((await reads()).json().items).toEqual([
      expect.objectContaining({
        resourceType: 'grid_post',
        summary: expect.objectContaining({
          purpose: 'staff.work_phone',
          fields: ['workPhone'],
          masked: false,
          reason: '回访核实',
        }),
      }),
    ])
  })

  it('tells each reader what they may do: end posts, change photos, fill which posts with whom', async () => {
    const grid = await gridChain()
    await appoint(grid.code, { post: 'liaison', personName: '郑二' })
    const chief = await t.as([{ key: 'community_chief', scope: { type: 'grid', path: grid.path } }])
    const worker = await t.as([{ key: 'grid_worker', scope: { type: 'grid', path: grid.path } }])
    const staffing = async (cookie: string) => (await get(`/api/grids/${grid.code}/staffing`, cookie)).json()

    const byAdmin = await staffing(admin.cookie)
    expect(byAdmin.grid).toEqual({ code: grid.code, name: '第一网格', level: 'grid' })
    expect(byAdmin.posts[0].abilities).toEqual(['end', 'photo', 'edit'])
    expect(byAdmin.appointable).toHaveLength(8)
    expect(byAdmin.appointable).toContainEqual({
      post: 'grid_chief',
      postZh: '网格长',
      postEn: 'Grid chief',
      person: true,
      user: true,
    })

    // A chief held at the grid itself fills its posts, but not with a user who would be a peer (网格长).
    const byChief = await staffing(chief.cookie)
    expect(byChief.posts[0].abilities).toEqual(['end', 'photo', 'edit'])
    const chiefMay = Object.fromEntries(
      byChief.appointable.map((a: { post: string; user: boolean }) => [a.post, a.user]),
    )
    expect(chiefMay).toMatchObject({ full_time_worker: true, grid_chief: false })

    const byWorker = await staffing(worker.cookie)
    expect(byWorker.posts[0].abilities).toEqual([])
    expect(byWorker.appointable).toEqual([])
    expect(
      (await appoint(grid.code, { post: 'liaison', personName: '王五' }, worker.cookie)).statusCode,
    ).toBe(403)
  })
})

describe('changing a post', () => {
  const change = (code: string, id: string, body: Record<string, unknown>, cookie = admin.cookie) =>
    t.call({ method: 'PATCH', url: `/api/grids/${code}/posts/${id}`, cookie, payload: body })

  it('changes the work phone and duties, masked in the answer, audited by field name only', async () => {
    const grid = await gridChain()
    const post = (
      await appoint(grid.code, { post: 'liaison', personName: '钱七', workPhone: '13800000001' })
    ).json()
    const changed = await change(grid.code, post.id, { workPhone: '13911112222', duties: '联系楼栋' })
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.json()).toMatchObject({ workPhone: '139****2222', duties: '联系楼栋', holder: '钱七' })
    expect((await change(grid.code, post.id, { duties: null })).json()).toMatchObject({ duties: null })
    const audit = await t.call({
      method: 'GET',
      url: `/api/audit?action=staff.update&resourceId=${grid.code}`,
      cookie: auditor.cookie,
    })
    const rows = audit.json().items
    expect(rows[rows.length - 1].summary).toEqual({
      postId: post.id,
      post: 'liaison',
      fields: ['workPhone', 'duties'],
    })
    expect(JSON.stringify(rows)).not.toContain('13911112222')
  })

  it('refuses an empty change, a bad phone, an unknown or ended post and a reader who does not manage the grid', async () => {
    const grid = await gridChain()
    const post = (await appoint(grid.code, { post: 'liaison', personName: '孙八' })).json()
    expect((await change(grid.code, post.id, {})).json().code).toBe('request.invalid')
    expect((await change(grid.code, post.id, { workPhone: 'call me' })).json().code).toBe('request.invalid')
    const worker = await t.as([{ key: 'grid_worker', scope: { type: 'grid', path: grid.path } }])
    expect((await change(grid.code, post.id, { duties: 'x' }, worker.cookie)).statusCode).toBe(403)
    await t.call({ method: 'DELETE', url: `/api/grids/${grid.code}/posts/${post.id}`, cookie: admin.cookie })
    const ended = await change(grid.code, post.id, { duties: 'x' })
    expect(ended.statusCode).toBe(404)
    expect(ended.json().code).toBe('staff.post_not_found')
  })
})

describe('the public notice board', () => {
  it('shows the grid’s staff, work phones, duties and the supervision hotline to anyone, escaped', async () => {
    const grid = await gridChain()
    await appoint(grid.code, {
      post: 'instructor',
      personName: '孙指导',
      workPhone: '028-8888 0002',
      duties: '<b>指导</b>网格工作',
    })
    const page = await t.app.inject({ method: 'GET', url: `/notice/${grid.code}` })
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toMatch(/^text\/html/)
    expect(page.body).toContain('第一网格 网格公示牌')
    expect(page.body).toContain('网格指导员')
    expect(page.body).toContain('孙指导')
    expect(page.body).toContain('tel:028-8888 0002')
    expect(page.body).toContain('&lt;b&gt;指导&lt;/b&gt;')
    expect(page.body).toContain('028-12345')
    expect((await t.app.inject({ method: 'GET', url: '/notice/999999999' })).statusCode).toBe(404)
  })
})
