import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'

let t: TestApp
beforeAll(async () => {
  t = await testApp()
}, 120_000)
afterAll(() => t?.close())

describe('the data keys page', () => {
  it('is for the security administrator: the system administrator and a grid worker are refused', async () => {
    const admin = await t.as([{ key: 'admin' }])
    const worker = await t.as([{ key: 'grid_worker', scope: { type: 'grid', path: '' } }])
    for (const who of [admin, worker]) {
      const res = await t.call({ method: 'GET', url: '/api/data-keys', cookie: who.cookie })
      expect(res.statusCode).toBe(403)
      const start = await t.call({ method: 'POST', url: '/api/data-keys/rotation', cookie: who.cookie })
      expect(start.statusCode).toBe(403)
    }
  })

  it('shows the key ids (never a key), the values each seals, and runs a re-encryption, audited', async () => {
    const security = await t.as([{ key: 'security_admin' }])
    const before = await t.call({ method: 'GET', url: '/api/data-keys', cookie: security.cookie })
    expect(before.statusCode).toBe(200)
    const status = before.json()
    expect(status.currentKeyId).toMatch(/^[0-9a-f]{8}$/)
    expect(status.keyIds).toEqual([status.currentKeyId])
    expect(status.valuesUnderRetiredKeys).toBe(0)
    const started = await t.call({ method: 'POST', url: '/api/data-keys/rotation', cookie: security.cookie })
    expect(started.statusCode).toBe(202)
    await t.app.dataKeyRotation.idle()
    const after = (await t.call({ method: 'GET', url: '/api/data-keys', cookie: security.cookie })).json()
    expect(after.rotation).toMatchObject({
      id: started.json().id,
      status: 'done',
      targetKeyId: status.currentKeyId,
    })
    const audit = await t.call({
      method: 'GET',
      url: '/api/audit?action=datakey.rotate',
      cookie: (await t.as([{ key: 'audit_admin' }])).cookie,
    })
    expect(audit.json().items[0]).toMatchObject({ action: 'datakey.rotate', resourceId: status.currentKeyId })
  })
})
