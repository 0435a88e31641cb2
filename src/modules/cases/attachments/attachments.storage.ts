import { createHash, randomBytes } from 'node:crypto'
import { mkdir, open, rename, rm, stat } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import type { Config } from '../../../config'

/** The attachments directory: WANGGE_ATTACHMENTS_DIR, or `attachments/` in the data directory. */
export function attachmentsDir(config: Pick<Config, 'WANGGE_ATTACHMENTS_DIR' | 'WANGGE_DATA_DIR'>): string {
  return resolve(config.WANGGE_ATTACHMENTS_DIR ?? join(config.WANGGE_DATA_DIR, 'attachments'))
}

const STORED_PATH = /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/

const exists = (file: string) =>
  stat(file).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false
      throw error
    },
  )

/**
 * Files named by their SHA-256 in two levels of folders (`ab/cd/abcd…`): the same bytes twice share
 * one file, and a name never points at other bytes, so nothing is overwritten or locked.
 */
export function createAttachmentStore(dir: string) {
  return {
    dir,

    /** Stores the bytes unless they are there already; written to a temporary file, then renamed. */
    async put(bytes: Uint8Array): Promise<{ sha256: string; path: string }> {
      const sha256 = createHash('sha256').update(bytes).digest('hex')
      const path = `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`
      const file = join(dir, path)
      if (await exists(file)) return { sha256, path }
      await mkdir(dirname(file), { recursive: true })
      // In the same folder, so the rename stays on one file system and is atomic.
      const temp = join(dirname(file), `.${sha256}.${randomBytes(6).toString('hex')}.tmp`)
      try {
        const handle = await open(temp, 'wx', 0o640)
        try {
          await handle.writeFile(bytes)
          await handle.sync()
        } finally {
          await handle.close()
        }
        await rename(temp, file)
      } catch (error) {
        await rm(temp, { force: true })
        throw error
      }
      return { sha256, path }
    },

    /** The file of a stored path; a path that is not one of ours (a tampered row) is refused. */
    file(path: string): string {
      if (!STORED_PATH.test(path)) throw new Error(`not an attachment path: ${path}`)
      return join(dir, path)
    },
  }
}

export type AttachmentStore = ReturnType<typeof createAttachmentStore>
