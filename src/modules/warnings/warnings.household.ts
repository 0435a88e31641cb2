import { openContact } from '../../lib/contact'
import type { DataCipher } from '../../lib/crypto'
import type { RaisedWarning } from './warnings.repo'
import type { Complaint } from './warnings.rules.repo'

/** Repeat complaints from one household or one reporter 同户/同人重复诉求: 3 within 30 days. */
export const REPEAT_HOUSEHOLD = {
  days: 30,
  minCases: 3,
  sources: ['resident', 'hotline', 'open311'],
} as const

type Link = 'household' | 'reporter' | 'phone'

/** A phone as digits, without China's country code, so "+86 138…" and "138…" are one number. */
const phoneKey = (phone: string) => {
  const digits = phone.replace(/\D/g, '')
  return digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits
}

/**
 * What ties a complaint to others: its reporter's account, their phone or e-mail (opened here, in
 * memory, only to compare), the households the ledgers link it to. A contact that does not open (a
 * key rotated away) ties nothing.
 */
function tiesOf(c: Complaint, cipher: DataCipher): { key: string; link: Link }[] {
  const ties: { key: string; link: Link }[] = c.households.map((h) => ({ key: h, link: 'household' }))
  if (c.reporter_id) ties.push({ key: `u:${c.reporter_id}`, link: 'reporter' })
  if (c.reporter_contact) {
    try {
      const contact = openContact(cipher, c.reporter_contact)
      const phone = contact.phone ? phoneKey(contact.phone) : ''
      if (phone.length >= 5) ties.push({ key: `p:${phone}`, link: 'phone' })
      if (contact.email) ties.push({ key: `e:${contact.email.trim().toLowerCase()}`, link: 'phone' })
    } catch {
      // Not ours to read: it ties nothing.
    }
  }
  return ties
}

const mode = (values: string[]) => {
  const counts = new Map<string, number>()
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? ''
}

/**
 * Complaints that come from one household or one reporter: any two sharing an account, a phone,
 * an e-mail or a household are one group (union–find), and a group of at least `minCases` is a
 * warning — unless one repeat-place warning already holds all its events (the place says it).
 * Answers groups, oldest complaint first; who they came from is not part of the answer.
 */
export function householdGroups(
  complaints: Complaint[],
  cipher: DataCipher,
  coveredByPlace: (ids: string[]) => boolean,
): { cases: Complaint[]; links: Link[] }[] {
  const parent = complaints.map((_, i) => i)
  const find = (i: number): number => {
    let root = i
    while (parent[root] !== root) root = parent[root] as number
    while (parent[i] !== root) {
      const next = parent[i] as number
      parent[i] = root
      i = next
    }
    return root
  }
  const firstWith = new Map<string, number>()
  const links = complaints.map(() => new Set<Link>())
  complaints.forEach((c, i) => {
    for (const tie of tiesOf(c, cipher)) {
      const j = firstWith.get(tie.key)
      if (j === undefined) {
        firstWith.set(tie.key, i)
        continue
      }
      links[find(j)]?.add(tie.link)
      links[i]?.add(tie.link)
      parent[find(i)] = find(j)
    }
  })
  const groups = new Map<number, number[]>()
  complaints.forEach((_, i) => {
    const root = find(i)
    groups.set(root, [...(groups.get(root) ?? []), i])
  })
  return [...groups.values()]
    .filter((members) => members.length >= REPEAT_HOUSEHOLD.minCases)
    .map((members) => ({
      cases: members.map((i) => complaints[i] as Complaint),
      links: [...new Set(members.flatMap((i) => [...(links[i] ?? [])]))].sort(),
    }))
    .filter((g) => !coveredByPlace(g.cases.map((c) => c.id)))
}

type Names = Map<string, { zh: string; en: string }>

/** The warning of one group: its scope the grid most of its events lie in, its place the latest event's. */
export function householdWarning(
  g: { cases: Complaint[]; links: Link[] },
  window: string,
  classes: Names,
): RaisedWarning {
  const bigClass = mode(g.cases.map((c) => c.big_class))
  const kind = classes.get(bigClass) ?? { zh: bigClass, en: bigClass }
  const household = g.links.includes('household')
  const n = g.cases.length
  const placed = [...g.cases].reverse().find((c) => c.lng !== null && c.lat !== null)
  return {
    rule: 'repeat_household',
    scopePath: mode(g.cases.map((c) => c.grid_path)),
    // One warning while its first complaint stays in the window (as repeat_place keeps its first case).
    dedupKey: `repeat_household|${g.cases[0]?.id}`,
    level: n >= 2 * REPEAT_HOUSEHOLD.minCases ? 'red' : 'yellow',
    titleZh: `同一${household ? '住户' : '反映人'} ${REPEAT_HOUSEHOLD.days} 天内反映诉求 ${n} 次，以${kind.zh.replace(/类$/, '')}类为主`,
    titleEn: `The same ${household ? 'household' : 'reporter'} complained ${n} times in ${REPEAT_HOUSEHOLD.days} days, mostly ${kind.en}`,
    categoryCode: bigClass,
    location: placed ? { lng: placed.lng as number, lat: placed.lat as number } : null,
    inputs: { count: n, cases: g.cases.map((c) => c.id), linkedBy: g.links, window },
  }
}
