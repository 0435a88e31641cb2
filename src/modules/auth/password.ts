import { type Algorithm, hash, verify } from '@node-rs/argon2'

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

/** The password rule: at least 8 characters from at least 3 of lower case, upper case, digits and symbols. Returns the reason or null. */
export function passwordWeakness(password: string): string | null {
  if (password.length < 8) return 'at least 8 characters'
  if (password.length > 256) return 'at most 256 characters'
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length
  return classes >= 3 ? null : 'at least 3 of: lower case, upper case, digits, symbols'
}
