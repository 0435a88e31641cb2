import { type LevelScheme, levelOf } from './grids.levels'

export type CodeCheck =
  | { ok: true }
  | { ok: false; reason: 'not_digits' | 'wrong_width' | 'not_under_parent' | 'unknown_level' }

/**
 * A grid's code is its parent's code plus its own segment of the level's width: digits only.
 * (The root level's code is its whole segment, e.g. a 6-digit district code.)
 */
export function checkCode(
  scheme: LevelScheme,
  code: string,
  level: string,
  parentCode: string | null,
): CodeCheck {
  const def = levelOf(scheme, level)
  if (!def) return { ok: false, reason: 'unknown_level' }
  if (!/^\d+$/.test(code)) return { ok: false, reason: 'not_digits' }
  const expected = (parentCode?.length ?? 0) + def.width
  if (code.length !== expected) return { ok: false, reason: 'wrong_width' }
  if (parentCode !== null && !code.startsWith(parentCode)) return { ok: false, reason: 'not_under_parent' }
  return { ok: true }
}

/**
 * The ltree path of a code under a parent path: one label per level, e.g. `510104.001.002`.
 * Labels are the level segments, so subtree tests (`<@`) follow the hierarchy, not string prefixes.
 */
export function pathOf(code: string, parentCode: string | null, parentPath: string | null): string {
  const segment = parentCode === null ? code : code.slice(parentCode.length)
  return parentPath ? `${parentPath}.${segment}` : segment
}

/** The path of a grid's parent, null for a root grid. */
export function parentPathOf(path: string): string | null {
  return path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : null
}

/**
 * Legacy 14-digit unit-grid codes (CJ/T 213-2005: 12-digit community + 2-digit cell) become the
 * 15-digit form (DB11/T 2157-2023: + 3-digit cell) by widening the cell number; other codes pass.
 */
export function normaliseLegacyCode(code: string): string {
  return /^\d{14}$/.test(code) ? `${code.slice(0, 12)}0${code.slice(12)}` : code
}
