import { dayOf } from '../../../lib/dates'
import type { CodeBook } from '../codes/codes.book'
import { maskAddress, maskIdNumber, maskName, maskPhone } from '../privacy/masks'
import type { PersonGridRow } from './people.repo'
import type { PersonSummary } from './people.schema'

/** The name an erased person is shown by. */
export const ERASED_NAME = '已删除'

type Open = (column: 'idNumber' | 'phone' | 'registeredAddress' | 'currentAddress') => string | null

const iso = (v: string | Date) => (v instanceof Date ? v.toISOString() : new Date(v).toISOString())

const masked = <T>(v: T | null, mask: (x: T) => string) => (v === null ? null : mask(v))

/** A person in a list: masked, an allow-list of columns (never the raw row). */
export function toPersonSummary(r: PersonGridRow, codes: CodeBook, open: Open): PersonSummary {
  const erased = r.erased_at !== null
  return {
    id: r.id,
    kind: r.kind,
    kindName: codes.name('person_kind', r.kind),
    name: erased ? ERASED_NAME : maskName(r.name),
    idNumber: erased ? null : masked(open('idNumber'), maskIdNumber),
    phone: erased ? null : masked(open('phone'), maskPhone),
    sex: r.sex,
    sexName: r.sex ? codes.name('sex', r.sex) : null,
    birthYear: r.birth_date ? Number(dayOf(r.birth_date)?.slice(0, 4)) : null,
    grid: { code: r.grid_code, name: r.grid_name },
    tags: r.tags ?? [],
    erased,
  }
}

const CODED = {
  ethnicity: 'ethnicity',
  maritalStatus: 'marital_status',
  politicalStatus: 'political_status',
  education: 'education',
} as const

/** The profile's basic section, masked: name, ID number, phone and addresses. */
export function toPersonBasics(r: PersonGridRow, codes: CodeBook, open: Open) {
  const erased = r.erased_at !== null
  const values = {
    ethnicity: r.ethnicity,
    maritalStatus: r.marital_status,
    politicalStatus: r.political_status,
    education: r.education,
  }
  const named: Record<string, { code: string; zh: string; en: string }> = {}
  for (const [key, table] of Object.entries(CODED)) {
    const code = values[key as keyof typeof values]
    const name = code ? codes.name(table, code) : null
    if (code && name) named[key] = { code, ...name }
  }
  return {
    id: r.id,
    kind: r.kind,
    kindName: codes.name('person_kind', r.kind),
    idType: r.id_type,
    idNumber: masked(open('idNumber'), maskIdNumber),
    name: erased ? ERASED_NAME : maskName(r.name),
    formerName: masked(r.former_name, maskName),
    sex: r.sex,
    sexName: r.sex ? codes.name('sex', r.sex) : null,
    birthDate: dayOf(r.birth_date),
    codes: named,
    ...values,
    nativePlace: r.native_place,
    occupation: r.occupation,
    workplace: r.workplace,
    phone: masked(open('phone'), maskPhone),
    registeredAddress: masked(open('registeredAddress'), maskAddress),
    currentAddress: masked(open('currentAddress'), maskAddress),
    livesWhereRegistered: r.lives_where_registered,
    // The name in Latin letters is a name: masked like the other.
    details: Object.fromEntries(
      Object.entries(r.details ?? {}).map(([k, v]) => [k, k === 'englishName' ? maskName(v) : v]),
    ),
    tags: r.tags ?? [],
    grid: { code: r.grid_code, name: r.grid_name },
    erasedAt: r.erased_at === null ? null : iso(r.erased_at),
    masked: true,
    version: r.version,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  }
}

/** One audit row of the access log: who, when, why, masked or in clear. */
export function toAccessEntry(a: {
  id: number | string
  at: string | Date
  actor_id: string | null
  actor_name: string | null
  summary: Record<string, unknown>
  person_id: string | null
  person_name: string | null
}) {
  const s = a.summary ?? {}
  return {
    id: Number(a.id),
    at: iso(a.at),
    actorId: a.actor_id,
    actorName: a.actor_name,
    personId: a.person_id,
    personName: a.person_name === null ? null : maskName(a.person_name),
    purpose: String(s.purpose ?? ''),
    masked: s.masked !== false,
    reason: typeof s.reason === 'string' ? s.reason : null,
    fields: Array.isArray(s.fields) ? s.fields.map(String) : [],
  }
}

export const toDay = dayOf
