import { createHash } from 'node:crypto'
import type { Config } from '../../config'
import type { RequestContext } from '../../lib/context'
import { badRequest, forbidden, notFound } from '../../lib/problem'
import { exifBlock } from '../../lib/public-image'
import type { ServiceDeps } from '../../lib/service'
import { may, scopesFor } from '../auth/auth.policy'
import { attachmentsDir, createAttachmentStore } from '../cases/attachments/attachments.storage'
import { readGps, tiffOf } from '../cases/attachments/exif'
import {
  type AttachmentType,
  attachmentTypeProblem,
  hasSignatureOf,
  imageProblem,
} from '../cases/attachments/media'
import { photosRepo } from './photos.repo'

/** A field photo after the phone shrank it is a few hundred kilobytes; this leaves room for a poor camera. */
export const FIELD_PHOTO_BYTES = 5 * 1024 * 1024

const photoNotFound = () => notFound('photo.not_found', 'No such photo')

/**
 * Field photos by content hash: the phone sends a photo under the SHA-256 of its bytes (a visit or a
 * door names it by that hash), once or again after a lost answer, and it is stored once. Staff read it
 * as taken, with its position: the uploader, and whoever reads the ledgers over the grids the
 * uploader worked in when they sent it. Nothing of it is public.
 */
export function createPhotosService(
  deps: ServiceDeps,
  config: Pick<Config, 'WANGGE_ATTACHMENTS_DIR' | 'WANGGE_DATA_DIR'>,
) {
  const { db } = deps
  const store = createAttachmentStore(attachmentsDir(config))

  return {
    limit: FIELD_PHOTO_BYTES,

    /** `location` is the phone's own reading, used when the photo carries no Exif position. */
    async upload(
      ctx: RequestContext,
      sha256: string,
      type: AttachmentType,
      bytes: Uint8Array,
      location: { lng: number; lat: number } | null = null,
    ) {
      if (ctx.actor?.type !== 'user')
        throw forbidden('photo.user_required', 'Field photos are sent by a person')
      if (createHash('sha256').update(bytes).digest('hex') !== sha256)
        throw badRequest('photo.hash_mismatch', 'The bytes do not have the SHA-256 the address names')
      const known = await photosRepo.find(db, sha256)
      if (known) return { sha256, created: false }
      if (!hasSignatureOf(type, bytes)) throw attachmentTypeProblem(`The bytes are not ${type}`)
      const exif = await exifBlock(bytes).catch((error) => {
        throw imageProblem(type, error)
      })
      await store.put(bytes)
      const ownerPaths = scopesFor(ctx.actor, 'ledger.read').flatMap((s) =>
        s.type === 'grid' ? [s.path] : [],
      )
      const created = await photosRepo.insert(db, {
        sha256,
        contentType: type,
        byteSize: bytes.length,
        gps: (exif ? readGps(tiffOf(exif)) : null) ?? location,
        takenBy: ctx.actor.id,
        ownerPaths,
      })
      return { sha256, created }
    },

    async original(ctx: RequestContext, sha256: string) {
      const row = await photosRepo.find(db, sha256)
      if (!row) throw photoNotFound()
      const paths = Array.isArray(row.owner_paths) ? row.owner_paths : parseArray(row.owner_paths)
      const mine = ctx.actor?.type === 'user' && ctx.actor.id === row.taken_by
      if (!mine && !paths.some((gridPath) => may(ctx.actor, 'ledger.read', { gridPath })))
        throw photoNotFound()
      const path = `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`
      return {
        sha256,
        contentType: row.content_type,
        size: Number(row.byte_size),
        file: store.file(path),
        position:
          row.lon === null || row.lat === null ? null : { lng: Number(row.lon), lat: Number(row.lat) },
      }
    },
  }
}

/** A PostgreSQL text array as a driver may hand it back (`{a,b}`). */
const parseArray = (text: string): string[] =>
  text
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter(Boolean)
    .map((v) => v.replace(/^"|"$/g, ''))

export type PhotosService = ReturnType<typeof createPhotosService>
