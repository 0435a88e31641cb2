import { describe, expect, it } from 'vitest'
import type { Actor, Grant } from '../../lib/context'
import {
  coversWorker,
  isDeviceCaller,
  mayBindTo,
  mayRelease,
  mayRetire,
  recordingPaths,
} from './trackers.policy'

const grant = (roleKey: string, permissions: string[], path: string): Grant => ({
  roleKey,
  permissions,
  scope: { type: 'grid', path },
})
const user = (...grants: Grant[]): Actor => ({ type: 'user', id: 'u', name: 'u', grants })

const worker = [grant('grid_worker', ['patrol.record'], '510104.001.001.001')]
const clerk = [grant('intake_clerk', ['case.report'], '')]
const communityChief = user(grant('community_chief', ['patrol.configure'], '510104.001.001'))
const otherChief = user(grant('community_chief', ['patrol.configure'], '510104.001.002'))
const admin = user(grant('admin', ['patrol.configure'], ''))

describe('tracker scope rules', () => {
  it('places a worker where they record patrols', () => {
    expect(recordingPaths([...worker, ...clerk])).toEqual(['510104.001.001.001'])
  })

  it.each([
    ['the chief of the worker’s community', communityChief, true],
    ['the chief of another community', otherChief, false],
    ['the whole deployment', admin, true],
  ])('binds a worker for %s: %s', (_who, actor, allowed) => {
    expect(mayBindTo(actor, worker)).toBe(allowed)
    expect(mayRelease(actor, worker)).toBe(allowed)
    expect(mayRetire(actor, worker)).toBe(allowed)
  })

  it('binds nobody who records nowhere', () => {
    expect(mayBindTo(admin, clerk)).toBe(false)
  })

  it('leaves a worker who records nowhere any more to the whole deployment', () => {
    expect(coversWorker(communityChief, 'patrol.configure', clerk)).toBe(false)
    expect(coversWorker(admin, 'patrol.configure', clerk)).toBe(true)
  })

  it('lets any configurer take from the pool, and only the whole deployment retire from it', () => {
    expect(mayRelease(otherChief, null)).toBe(true)
    expect(mayRelease(user(grant('grid_worker', ['patrol.record'], '510104')), null)).toBe(false)
    expect(mayRetire(otherChief, null)).toBe(false)
    expect(mayRetire(admin, null)).toBe(true)
  })

  it('takes points from a key or the broker, never from a person', () => {
    expect(isDeviceCaller({ type: 'api_key', id: 'k', name: 'gateway', grants: [] })).toBe(true)
    expect(isDeviceCaller(communityChief)).toBe(false)
  })
})
