import { createHash } from 'node:crypto'

/**
 * The hash of a sealed row: `sha256(prev_hash || digest)` as 64 hex characters (the chain's original
 * form, computed by the SQL sealer), or `sm3:` and the SM3 hash as hex (商用密码, computed here: the
 * database has no SM3). The prefix records the algorithm in the row, so a chain that switched midway
 * verifies row by row, and the next row's link covers it.
 */
export const AUDIT_HASHES = ['sha256', 'sm3'] as const
export type AuditHash = (typeof AUDIT_HASHES)[number]

export const ZERO_HASH = '0'.repeat(64)
const SM3_PREFIX = 'sm3:'

export function chainHash(algorithm: AuditHash, prevHash: string, digest: string): string {
  const hex = createHash(algorithm)
    .update(prevHash + digest, 'utf8')
    .digest('hex')
  return algorithm === 'sm3' ? SM3_PREFIX + hex : hex
}

/** The algorithm a stored hash was made with. */
export function hashAlgorithmOf(hash: string): AuditHash {
  return hash.startsWith(SM3_PREFIX) ? 'sm3' : 'sha256'
}
