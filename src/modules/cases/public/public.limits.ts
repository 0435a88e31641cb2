import { tooMany } from '../../../lib/problem'

/**
 * Requests per client IP per minute: reports, photos and ratings are writes anyone can send; the
 * tracking page reads its case and each of its photos.
 */
export const PUBLIC_LIMITS = { report: 10, photo: 30, rate: 10, track: 60 } as const

/** A route's rate limit, answered as the problem `case.rate_limited` with the seconds to wait. */
export const limited = (max: number) => ({
  rateLimit: {
    max,
    timeWindow: '1 minute',
    errorResponseBuilder: (_req: unknown, ctx: { ttl: number }) =>
      tooMany('case.rate_limited', 'Too many requests from this address', Math.ceil(ctx.ttl / 1000)),
  },
})
