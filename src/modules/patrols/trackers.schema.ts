import { z } from 'zod'

/**
 * A tracker's code: its serial or IMEI. It names the MQTT topic `wangge/trackers/{code}/points`, so
 * it holds no `/`, `+` or `#` (nor anything else a topic or a URL would need to escape).
 */
export const TRACKER_CODE = /^[A-Za-z0-9_.:-]{1,64}$/

export const TrackerCreateSchema = z.object({
  code: z.string().regex(TRACKER_CODE, 'letters, digits, _ . : and - (up to 64)'),
  name: z.string().trim().min(1).max(100),
})

export const TrackerBindingSchema = z.object({
  /** The worker the tracker's points belong to from now on; null unbinds it. */
  userId: z.uuid().nullable(),
  /** The version read: a change made meanwhile answers 409 `tracker.version_conflict`. */
  version: z.number().int().min(1),
})

export const TrackerParams = z.object({ id: z.uuid() })
export const TrackerCodeParams = z.object({ code: z.string().regex(TRACKER_CODE, 'a tracker code') })

export const TrackerSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    /** The worker bound to it (its points join their tracker patrol), or null. */
    userId: z.uuid().nullable(),
    userName: z.string().nullable(),
    boundAt: z.iso.datetime().nullable(),
    retiredAt: z.iso.datetime().nullable(),
    /** When its newest stored point was recorded (within the days kept), or null. */
    lastPointAt: z.iso.datetime().nullable(),
    /** The tracker patrol running now, if any. */
    runningPatrolId: z.uuid().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Tracker' })

export type TrackerView = z.infer<typeof TrackerSchema>

/** Largest batch of one request or message: a device that was offline for long sends several. */
export const MAX_POINTS = 500

/** One position, as the app and trackers send it. */
export const TrackPointSchema = z.object({
  /** The stream's running number of the point: a point re-sent with its number is stored once. */
  seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  /** When the position was taken, with its offset. */
  t: z.iso.datetime({ offset: true }),
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  /** Accuracy radius in metres, as the device reported it. */
  acc: z.number().min(0).max(100_000).optional(),
  /** The device said the position was simulated. */
  mocked: z.boolean().optional(),
})

export const TrackPointsSchema = z.object({
  points: z.array(TrackPointSchema).min(1).max(MAX_POINTS),
})

export type TrackPointsBody = z.infer<typeof TrackPointsSchema>

export const IngestResultSchema = z.object({
  /** Points stored now. */
  stored: z.number().int(),
  /** Points already stored before (a re-sent batch). */
  duplicates: z.number().int(),
})
