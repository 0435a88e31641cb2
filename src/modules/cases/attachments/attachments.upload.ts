import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { type AttachmentType, attachmentTooLarge, attachmentTypeOf, attachmentTypeProblem } from './media'

/**
 * Takes raw file bodies of these types, up to `limit` bytes, on the routes of the plugin it is called
 * in (a plugin of their own, so the larger body limit stays there). Answers the hooks a file route
 * uses: the body parser's refusals named as the attachment problems, and the app's JSON and text
 * bodies refused before validation sees them.
 */
export function acceptFiles(
  app: FastifyInstance,
  types: readonly AttachmentType[],
  limit: number,
  wrongType = attachmentTypeProblem,
) {
  app.addContentTypeParser([...types], { parseAs: 'buffer', bodyLimit: limit }, (_req, body, done) =>
    done(null, body),
  )
  return {
    errorHandler: (error: FastifyError, _req: FastifyRequest, _reply: FastifyReply) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw attachmentTooLarge(limit)
      if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') throw wrongType()
      throw error
    },
    preValidation: async (req: FastifyRequest) => {
      if (!attachmentTypeOf(req.headers['content-type'], types) || !Buffer.isBuffer(req.body))
        throw wrongType()
    },
    /** The body's type, as the parser let it in. */
    typeOf: (req: FastifyRequest): AttachmentType => {
      const type = attachmentTypeOf(req.headers['content-type'], types)
      if (!type) throw wrongType()
      return type
    },
  }
}

/** If-None-Match may list several tags, weak ones among them (RFC 9110 §13.1.2). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  return !!header?.split(',').some((tag) => ['*', etag].includes(tag.trim().replace(/^W\//, '')))
}

/**
 * The headers of a served file, and whether the reader's copy is current (then answer 304). Shown,
 * never saved under a name the uploader chose; never sniffed into another type.
 */
export function fileHeaders(req: FastifyRequest, reply: FastifyReply, sha256: string): boolean {
  const etag = `"${sha256}"`
  reply
    .header('etag', etag)
    .header('cache-control', 'private, max-age=300')
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', 'inline')
  return matchesEtag(req.headers['if-none-match'], etag)
}
