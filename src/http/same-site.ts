/**
 * Same-site only, for a live socket: a page elsewhere must not open one with the user's cookie. No
 * Origin (a client that is not a browser) passes; the cookie still has to be there.
 */
export function sameSite(origin: string | undefined, self: string, allowed: readonly string[]): boolean {
  if (!origin) return true
  try {
    const o = new URL(origin).origin
    return o === new URL(self).origin || allowed.some((a) => new URL(a).origin === o)
  } catch {
    return false
  }
}
