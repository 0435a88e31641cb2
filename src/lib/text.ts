/**
 * Text a person can have typed: no NUL (PostgreSQL cannot store it in text) and no half of a UTF-16
 * surrogate pair (JSON's "\ud800" parses to one; stored, it silently becomes U+FFFD).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what is looked for
const BAD_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

export const isBadText = (s: string): boolean => BAD_TEXT.test(s)

/** The first place in a parsed value (strings, arrays, plain objects) holding bad text, or null. */
export function findBadText(value: unknown, root: string): { field: string; inKey: boolean } | null {
  // A loop, not recursion: a deeply nested body must not exhaust the stack.
  const stack: [unknown, string][] = [[value, root]]
  while (stack.length > 0) {
    const [v, path] = stack.pop() as [unknown, string]
    if (typeof v === 'string') {
      if (isBadText(v)) return { field: path, inKey: false }
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}.${i}`])
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v) && !ArrayBuffer.isView(v)) {
      const entries = Object.entries(v)
      // The key itself is never echoed: the field named is the object holding it.
      if (entries.some(([k]) => isBadText(k))) return { field: path, inKey: true }
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i] as [string, unknown]
        stack.push([child, `${path}.${k}`])
      }
    }
  }
  return null
}
