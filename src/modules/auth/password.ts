import { type Algorithm, hash, verify } from '@node-rs/argon2'
import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import * as common from '@zxcvbn-ts/language-common'
import { badRequest } from '../../lib/problem'

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. (`Algorithm` is a const enum that
// verbatimModuleSyntax cannot reach; 2 is its Argon2id.)
const options = { algorithm: 2 as Algorithm, memoryCost: 19_456, timeCost: 2, parallelism: 1 }

export function hashPassword(password: string): Promise<string> {
  return hash(password, options)
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password)
  } catch {
    return false
  }
}

/** Compared against when the user does not exist, so both paths take the same time. */
let decoy: Promise<string> | null = null
export async function burnPasswordCheck(password: string): Promise<false> {
  decoy ??= hashPassword('decoy-password-never-matches')
  await verifyPassword(await decoy, password)
  return false
}

/** Lower case, upper case, digits, symbols: a password needs 3 of them (the composition rule 等保 assessors check). */
const CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/]

/** zxcvbn's score (0–4) a password must reach: 3 is "safely unguessable" against an online attack with throttling. */
export const MIN_SCORE = 3

/** Why a password is refused: zxcvbn's feedback keys (`common`, `anotherWord` …), translated by the clients. */
export interface PasswordWeakness {
  reason: 'length' | 'classes' | 'guessable'
  score?: number
  warning?: string | null
  suggestions?: string[]
}

// The dictionaries are large: built once, on the first check.
let estimator: ZxcvbnFactory | null = null
function strength() {
  // maxLength: the estimate of a long password costs seconds; its first 64 characters decide anyway.
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary },
    graphs: common.adjacencyGraphs,
    maxLength: 64,
  })
  return estimator
}

/**
 * The password rule: 8–256 characters from at least 3 classes, and not guessable: zxcvbn score at
 * least 3, counting the user's own username and display name as known words. Null when it passes.
 */
export function passwordWeakness(password: string, userInputs: string[] = []): PasswordWeakness | null {
  if (password.length < 8 || password.length > 256) return { reason: 'length' }
  if (CLASSES.filter((re) => re.test(password)).length < 3) return { reason: 'classes' }
  // `zhangwei2026` as a username also names `zhangwei`: its letter runs count as known words.
  const words = userInputs.flatMap((u) => [u, ...(u.match(/\p{L}{3,}/gu) ?? [])])
  const result = strength().check(password, words)
  if (result.score >= MIN_SCORE) return null
  return {
    reason: 'guessable',
    score: result.score,
    warning: result.feedback.warning,
    suggestions: result.feedback.suggestions,
  }
}

/** Throws `400 auth.password_weak` with the reason and zxcvbn's feedback keys. */
export function assertStrongPassword(password: string, userInputs: string[] = []): void {
  const weakness = passwordWeakness(password, userInputs)
  if (!weakness) return
  const title =
    weakness.reason === 'length'
      ? 'The password must have 8 to 256 characters'
      : weakness.reason === 'classes'
        ? 'The password needs 3 of: lower case, upper case, digits, symbols'
        : 'The password is too easy to guess'
  throw badRequest('auth.password_weak', title, { ...weakness })
}
