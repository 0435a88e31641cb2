import { readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'

// The web app's words live beside each feature (web/src/<feature>/<feature>.zh-CN.ts and .en-US.ts)
// and web/src/i18n/messages.ts merges them. The compiler checks each English file against its Chinese
// one; this test also names the key and the file when one language has a word the other lacks.

const webSrc = join(import.meta.dirname, '../web/src')
const ZH = '.zh-CN.ts'
const EN = '.en-US.ts'

type Tree = { [key: string]: unknown }

const messageFiles = readdirSync(webSrc, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith(ZH) || file.endsWith(EN))
  .map((file) => join(webSrc, file))
  .sort()

const shown = (file: string) => relative(join(import.meta.dirname, '..'), file)

/** A message file's words: the one object it exports. */
async function wordsOf(file: string): Promise<Tree> {
  const exported: Tree = await import(pathToFileURL(file).href)
  const values = Object.values(exported)
  if (values.length !== 1) throw new Error(`${shown(file)} exports ${values.length} objects, not one`)
  return values[0] as Tree
}

/** Every key that holds a string, as i18next spells it: 'cases.create.pickHint'. */
function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? keysOf(value as Tree, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  )
}

describe('web messages', () => {
  it('finds the message files', () => {
    expect(messageFiles.map(shown)).toContain('web/src/i18n/common.zh-CN.ts')
    expect(messageFiles.length).toBeGreaterThanOrEqual(20)
  })

  it('has every key in both languages', async () => {
    const onlyOne: string[] = []
    for (const zhFile of messageFiles.filter((file) => file.endsWith(ZH))) {
      const enFile = zhFile.slice(0, -ZH.length) + EN
      if (!messageFiles.includes(enFile)) {
        onlyOne.push(`${shown(zhFile)} has no ${shown(enFile)}`)
        continue
      }
      const zh = new Set(keysOf(await wordsOf(zhFile)))
      const en = new Set(keysOf(await wordsOf(enFile)))
      for (const key of zh)
        if (!en.has(key)) onlyOne.push(`${key}: in ${shown(zhFile)}, missing from ${shown(enFile)}`)
      for (const key of en)
        if (!zh.has(key)) onlyOne.push(`${key}: in ${shown(enFile)}, missing from ${shown(zhFile)}`)
    }
    for (const enFile of messageFiles.filter((file) => file.endsWith(EN))) {
      const zhFile = enFile.slice(0, -EN.length) + ZH
      if (!messageFiles.includes(zhFile)) onlyOne.push(`${shown(enFile)} has no ${shown(zhFile)}`)
    }
    expect(onlyOne).toEqual([])
  })

  it('gives each top-level key to one file, and merges every file', async () => {
    const owners = new Map<string, string[]>()
    for (const file of messageFiles.filter((f) => f.endsWith(ZH))) {
      for (const key of Object.keys(await wordsOf(file)))
        owners.set(key, [...(owners.get(key) ?? []), shown(file)])
    }
    const shared = [...owners]
      .filter(([, files]) => files.length > 1)
      .map(([key, files]) => `${key}: ${files.join(', ')}`)
    expect(shared).toEqual([])

    const { zhCN, enUS } = await import(pathToFileURL(join(webSrc, 'i18n/messages.ts')).href)
    expect(Object.keys(zhCN).sort()).toEqual([...owners.keys()].sort())
    expect(Object.keys(enUS).sort()).toEqual([...owners.keys()].sort())
  })
})
