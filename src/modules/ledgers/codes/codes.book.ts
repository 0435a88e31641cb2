import type { Executor } from '../../../db/database'
import { codesRepo } from './codes.repo'

/**
 * The active codes of every table, for checking what a form or a sheet says: a value is taken as a
 * code (01), or as its Chinese or English name (汉族, Han), and answered as the code.
 */
export interface CodeBook {
  resolve(table: string, text: string): string | null
  /** The Chinese names of a table's codes, in order (the template's drop-down). */
  names(table: string): string[]
  name(table: string, code: string): { zh: string; en: string } | null
}

/** An active code as the book is built from it (plain data: it crosses to an import's thread). */
export type CodeRow = { code_table: string; code: string; zh: string; en: string }

/** The active codes of every table. */
export async function loadCodeRows(ex: Executor): Promise<CodeRow[]> {
  return (await codesRepo.list(ex))
    .filter((r) => r.active)
    .map(({ code_table, code, zh, en }) => ({ code_table, code, zh, en }))
}

export async function loadCodeBook(ex: Executor): Promise<CodeBook> {
  return codeBookOf(await loadCodeRows(ex))
}

export function codeBookOf(rows: readonly CodeRow[]): CodeBook {
  const lookup = new Map<string, Map<string, string>>()
  const ordered = new Map<string, CodeRow[]>()
  for (const r of rows) {
    const table = lookup.get(r.code_table) ?? new Map<string, string>()
    lookup.set(r.code_table, table)
    for (const key of [r.code, r.zh, r.en.toLowerCase()]) if (!table.has(key)) table.set(key, r.code)
    ordered.set(r.code_table, [...(ordered.get(r.code_table) ?? []), r])
  }
  return {
    resolve: (table, text) => {
      const codes = lookup.get(table)
      return codes?.get(text) ?? codes?.get(text.toLowerCase()) ?? null
    },
    names: (table) => (ordered.get(table) ?? []).map((r) => r.zh),
    name: (table, code) => {
      const row = ordered.get(table)?.find((r) => r.code === code)
      return row ? { zh: row.zh, en: row.en } : null
    },
  }
}
