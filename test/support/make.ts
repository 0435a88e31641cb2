import type { Db } from '../../src/db/database'
import { type Scope, systemContext } from '../../src/lib/context'
import { uuidv7 } from '../../src/lib/ids'
import { hashPassword } from '../../src/modules/auth/password'
import { grantsRepo, rolesRepo, scopeColumns } from '../../src/modules/auth/roles.repo'
import { usersRepo } from '../../src/modules/auth/users.repo'
import type { CasesService } from '../../src/modules/cases/cases.service'
import { box } from './geo'
import { departmentsAt, type GridsService, gridsAt } from './grids'
import { caseMaker } from './make-case'

export const DEFAULT_PASSWORD = 'Test#2026pass'
let counter = 0

/** Who the factories act as: the system, which may write anywhere and leaves its name in the audit log. */
const factory = systemContext('test-factory')

/** The services factories write through; an app's own, so its in-memory locator sees every new grid. */
export interface FactoryServices {
  grids: GridsService
  cases?: CasesService
}

/**
 * Factories: each builds just what a test needs, with unique names, through the modules' own services
 * and repositories (never HTTP), so every row the real thing has exists.
 */
export function makers(db: Db, services: FactoryServices = { grids: gridsAt(db) }) {
  const { grids } = services

  /** A grid of `level` under `parent` (a code; none for a root), its boundary the square at x, y of side `size`. */
  async function grid(opts: {
    code: string
    level: string
    parent?: string | null
    at: { x: number; y?: number; size: number }
    name?: string
  }) {
    const view = await grids.create(factory, {
      code: opts.code,
      name: opts.name ?? `${opts.level}${opts.code}`,
      level: opts.level,
      parentCode: opts.parent ?? null,
      exclusive: false,
      boundary: box(opts.at.x, opts.at.y ?? 30, opts.at.size),
      attributes: {},
    })
    return { code: view.code, path: view.path }
  }

  /**
   * A district → street → community → grid → micro-grid chain of its own (district code `d`, south-west
   * corner at x, 30, nested squares), and a sanitation department 环卫所 serving the district.
   */
  async function place(opts: { d: string; x: number; department?: { code?: string; name?: string } }) {
    const { d, x } = opts
    const named = (level: string) => ({ name: `${level}${d}` })
    const district = await grid({ code: d, level: 'district', at: { x, size: 0.4 }, ...named('district') })
    const street = await grid({
      code: `${d}001`,
      level: 'street',
      parent: d,
      at: { x, size: 0.3 },
      ...named('street'),
    })
    const community = await grid({
      code: `${d}001001`,
      level: 'community',
      parent: street.code,
      at: { x, size: 0.2 },
      ...named('community'),
    })
    const cell = await grid({
      code: `${d}001001001`,
      level: 'grid',
      parent: community.code,
      at: { x, size: 0.1 },
      ...named('grid'),
    })
    const micro = await grid({
      code: `${d}001001001001`,
      level: 'micro',
      parent: cell.code,
      at: { x, size: 0.05 },
      ...named('micro'),
    })
    const department = await departmentServing(d, opts.department)
    return {
      d,
      x,
      paths: { district: district.path, street: street.path, community: community.path, grid: cell.path },
      micro: micro.path,
      department: department.code,
      departmentId: department.id,
      point: { lng: x + 0.01, lat: 30.01 },
    }
  }

  async function departmentServing(gridCode: string, opts: { code?: string; name?: string } = {}) {
    const code = opts.code ?? `san${gridCode}`
    const departments = departmentsAt(db, grids)
    const dept = await departments.create(factory, { code, name: opts.name ?? '环卫所', kind: 'sanitation' })
    await departments.serve(factory, code, gridCode)
    return { id: dept.id, code }
  }

  return {
    grid,
    place,
    case: caseMaker(services.cases),
    async user(
      opts: {
        username?: string
        displayName?: string
        password?: string
        roles?: { key: string; scope?: Scope }[]
        status?: 'active' | 'disabled'
      } = {},
    ) {
      counter += 1
      const username = opts.username ?? `user${counter}_${Date.now().toString(36)}`
      const id = uuidv7()
      const password = opts.password ?? DEFAULT_PASSWORD
      await usersRepo.insert(db, {
        id,
        username,
        displayName: opts.displayName ?? `测试用户${counter}`,
        passwordHash: await hashPassword(password),
        status: opts.status ?? 'active',
      })
      for (const r of opts.roles ?? []) {
        const role = await rolesRepo.findByKey(db, r.key)
        if (!role) throw new Error(`no role ${r.key}`)
        await grantsRepo.insert(db, {
          id: uuidv7(),
          userId: id,
          roleId: role.id,
          ...scopeColumns(r.scope ?? { type: 'grid', path: '' }),
        })
      }
      return { id, username, password }
    },
    async role(key: string) {
      const role = await rolesRepo.findByKey(db, key)
      if (!role) throw new Error(`no role ${key}`)
      return role
    },
  }
}

export type Makers = ReturnType<typeof makers>
/** The place `make.place` builds: its grid chain, its department and a point inside its micro-grid. */
export type Place = Awaited<ReturnType<Makers['place']>>
