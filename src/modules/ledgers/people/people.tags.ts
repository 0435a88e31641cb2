/** How many tags 标签 a person may carry, and how long one may be (in characters). */
export const MAX_TAGS = 10
export const MAX_TAG_LENGTH = 20

// Control characters (C0, DEL, C1) and the line and paragraph separators: a tag is one line of text.
const CONTROL = /[\p{Cc}\u2028\u2029]/u

export type TagsCheck =
  | { ok: true; tags: string[] }
  | { ok: false; code: string; field: string; message: string }

/**
 * A person's tags as sent: each trimmed, 1–20 characters with no control character; repeats kept
 * once, in the order given; at most 10.
 */
export function checkTags(input: readonly string[]): TagsCheck {
  const tags: string[] = []
  for (const [i, raw] of input.entries()) {
    const tag = raw.normalize('NFC').trim()
    const field = `tags.${i}`
    if (tag.length === 0) return { ok: false, code: 'ledger.tag_empty', field, message: 'A tag is empty' }
    if (CONTROL.test(tag))
      return { ok: false, code: 'ledger.tag_control', field, message: 'A tag holds a control character' }
    if ([...tag].length > MAX_TAG_LENGTH)
      return {
        ok: false,
        code: 'ledger.tag_too_long',
        field,
        message: `A tag is at most ${MAX_TAG_LENGTH} characters`,
      }
    if (!tags.includes(tag)) tags.push(tag)
  }
  if (tags.length > MAX_TAGS)
    return { ok: false, code: 'ledger.too_many_tags', field: 'tags', message: `At most ${MAX_TAGS} tags` }
  return { ok: true, tags }
}
