import { describe, expect, it } from 'vitest'
import { escapeLike } from './like'

describe('escapeLike', () => {
  it.each([
    ['%', '\\%'],
    ['_', '\\_'],
    ['\\', '\\\\'],
    ['50%_off\\now', '50\\%\\_off\\\\now'],
    ['锦江区', '锦江区'],
  ])('escapes %s', (text, escaped) => {
    expect(escapeLike(text)).toBe(escaped)
  })
})
