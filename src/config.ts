import { isIP } from 'node:net'
import { z } from 'zod'
import { DATA_CIPHERS, parseDataKey } from './lib/crypto'
import { basemapConflict } from './modules/basemap/basemap.config'
import { LOOK_ALIKE_DEFAULTS } from './modules/cases/cases.settings'

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max)

/** `https://host[:port]` and nothing after it: a path or query would not be a CSP source. */
function isBareOrigin(v: string): boolean {
  try {
    const url = new URL(v)
    return (
      /^(https?|wss?):$/.test(url.protocol) &&
      url.origin !== 'null' &&
      `${url.origin}` === v.replace(/\/$/, '')
    )
  } catch {
    return false
  }
}

function isAddressOrCidr(v: string): boolean {
  const [address = '', bits, ...rest] = v.split('/')
  const family = isIP(address)
  if (family === 0 || rest.length > 0) return false
  if (bits === undefined) return true
  const n = Number(bits)
  return /^\d+$/.test(bits) && n <= (family === 4 ? 32 : 128)
}

/** Every setting of the process, read once from the environment. */
export const ConfigSchema = z.object({
  /** TCP port of the HTTP server. */
  PORT: int(0, 65535).default(3000),
  /** Interface to bind; 0.0.0.0 serves the whole network. */
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Embedded database and attachments live here when DATABASE_URL is unset. */
  WANGGE_DATA_DIR: z.string().min(1).default('./data'),
  /** postgres://… switches from the embedded database to a PostgreSQL server. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /**
   * postgres://… of a streaming replica of DATABASE_URL's database: the big screen and the
   * statistics read it, everything else (and every write) the primary. Needs DATABASE_URL.
   */
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** Connections in the pool when DATABASE_URL is set (at least 2: migrations hold a lock on one while using another). */
  WANGGE_DB_POOL_SIZE: int(2, 200).default(10),
  /**
   * Key of personal data at rest (reporters' contacts): base64 of 32 random bytes
   * (`openssl rand -base64 32`). Required with DATABASE_URL; the embedded mode keeps one in
   * `<WANGGE_DATA_DIR>/data.key` when it is unset. Losing it loses the encrypted data.
   */
  WANGGE_DATA_KEY: z
    .string()
    .refine((v) => parseDataKey(v) !== null, 'must be base64 of 32 bytes (openssl rand -base64 32)')
    .optional(),
  /**
   * Keys that sealed personal data before a rotation, comma-separated (base64 of 32 bytes each):
   * they still open it until the re-encryption job has moved every value to WANGGE_DATA_KEY.
   */
  WANGGE_DATA_KEYS_RETIRED: z
    .string()
    .refine(
      (v) => v.split(',').every((k) => parseDataKey(k) !== null),
      'must be base64 keys of 32 bytes, separated by commas',
    )
    .transform((v) => v.split(',').map((k) => parseDataKey(k) as Buffer))
    .optional(),
  /**
   * Algorithm of newly encrypted personal data: aes-256-gcm, or sm4-gcm (商用密码 SM4). Each value
   * records its algorithm, so values written under either stay readable after a change.
   */
  WANGGE_DATA_CIPHER: z.enum(DATA_CIPHERS).default('aes-256-gcm'),
  /** Hash of newly sealed audit rows: sha256, or sm3 (商用密码). A chain may mix both; verification reads each row's. */
  WANGGE_AUDIT_HASH: z.enum(['sha256', 'sm3']).default('sha256'),
  /** Where scheduled backups go; `backups/` in WANGGE_DATA_DIR when unset. Keep it on another disk. */
  WANGGE_BACKUP_DIR: z.string().min(1).optional(),
  /** Hours between scheduled backups while serving with the embedded database (ignored with DATABASE_URL); 0 (the default) takes none. */
  WANGGE_BACKUP_INTERVAL_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 30)
    .default(0),
  /** Scheduled backups kept; older ones are deleted after each new one. */
  WANGGE_BACKUP_KEEP: int(1, 1000).default(7),
  /**
   * Encrypts backups (AES-256-GCM, or SM4-GCM with WANGGE_DATA_CIPHER=sm4-gcm): base64 of 32 bytes.
   * Unset: backups are compressed but not encrypted. The personal-data key is refused (loadConfig, serve).
   */
  WANGGE_BACKUP_KEY: z
    .string()
    .refine((v) => parseDataKey(v) !== null, 'must be base64 of 32 bytes (openssl rand -base64 32)')
    .optional(),
  /** Password of the first administrator, used only when the database has no user yet. */
  WANGGE_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  /** Password of the security administrator `secadmin` 安全管理员, used only when it is created. */
  WANGGE_SECURITY_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  /** Password of the audit administrator `auditadmin` 审计管理员, used only when it is created. */
  WANGGE_AUDIT_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  /**
   * Let `admin` hold the security and audit administrators' duties too (三员合一), for a small
   * deployment with one administrator. The separation is the default (等保 level 3 asks for it).
   */
  WANGGE_MERGED_ADMIN_ROLES: bool.default(false),
  /**
   * pino level: fatal, error, warn, info, debug, trace or silent. Each request is one `info` line, so
   * `warn` turns the access log off and keeps every error (a 5xx answer is logged at `error`).
   * `LOG_LEVEL` is read when this is unset (its name before 0.1).
   */
  WANGGE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Other origins (comma-separated, e.g. https://gov.example.cn) allowed to send state-changing requests with a session cookie. */
  WANGGE_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url('each entry must be an origin such as https://example.cn'))),
  /** How often a live socket (the map, the inbox) re-checks its session, in milliseconds: an ended, revoked or stripped session is closed within this. */
  WANGGE_LIVE_SESSION_CHECK_MS: int(50, 3_600_000).default(60_000),
  /** Role keys (comma-separated, e.g. admin,security_admin,audit_admin) whose holders must enrol a second factor (TOTP) before anything else. */
  WANGGE_SECOND_FACTOR_ROLES: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[a-z][a-z0-9_]*$/, 'each entry must be a role key such as admin'))),
  /** Minutes of inactivity after which a session ends. */
  WANGGE_SESSION_IDLE_MINUTES: int(1, 24 * 60).default(30),
  /** Hours after sign-in at which a session ends whatever the activity. */
  WANGGE_SESSION_ABSOLUTE_HOURS: int(1, 24 * 30).default(12),
  /** Days of inactivity after which a device session (the field app, signed in with `device`) ends. */
  WANGGE_DEVICE_SESSION_IDLE_DAYS: int(1, 365).default(14),
  /** Days after sign-in at which a device session ends whatever the activity. */
  WANGGE_DEVICE_SESSION_DAYS: int(1, 365).default(30),
  /** Sign-in attempts allowed per client IP per minute. */
  WANGGE_LOGIN_RATE_LIMIT: int(1, 100_000).default(20),
  /** Failed sign-ins on one account from one client IP before that IP waits 1, 2, 4 … minutes. */
  WANGGE_LOGIN_SOURCE_FAILURES: int(1, 100).default(5),
  /**
   * The account-wide lock (every source except those the owner signed in from before): at least
   * this many failures within 15 minutes, from at least WANGGE_LOCKOUT_SOURCES distinct IPs.
   */
  WANGGE_LOCKOUT_FAILURES: int(2, 10_000).default(20),
  WANGGE_LOCKOUT_SOURCES: int(2, 1000).default(5),
  /** Minutes an account-wide lock lasts. */
  WANGGE_LOCKOUT_MINUTES: int(1, 24 * 60).default(15),
  /** Open311 request lists (GET /open311/v2/requests) allowed per client IP per minute. */
  WANGGE_OPEN311_RATE_LIMIT: int(1, 100_000).default(60),
  /** Published case points (Open311) are moved to the centre of a grid cell this wide, in metres. */
  WANGGE_PUBLIC_COORD_PRECISION_M: int(10, 10_000).default(100),
  /** Largest accepted request body in bytes. */
  WANGGE_BODY_LIMIT: int(1024, 100 * 1024 * 1024).default(1024 * 1024),
  /** Where attachments (photos, PDFs) are stored; `attachments/` in WANGGE_DATA_DIR when unset. */
  WANGGE_ATTACHMENTS_DIR: z.string().min(1).optional(),
  /** Largest attachment (an event's photo or PDF) in bytes; its upload route is not bound by WANGGE_BODY_LIMIT. */
  WANGGE_ATTACHMENT_LIMIT: int(1024, 1024 * 1024 * 1024).default(10 * 1024 * 1024),
  /** Load the demo district into an empty database at start (set false for a real deployment). */
  WANGGE_DEMO: bool.default(true),
  /**
   * Events of history 事件 (a year of them, in every state) loaded with the demo district, so the
   * workbench, big screen, statistics and assessment have something to show; 0 loads none.
   */
  WANGGE_DEMO_EVENTS: int(0, 1_000_000).default(10_000),
  /** A JSON file with the deployment's grid levels (see README); the default scheme otherwise. */
  WANGGE_LEVEL_SCHEME: z.string().min(1).optional(),
  /** A JSON file of working-calendar days and shifts added to the shipped calendar (see README). */
  WANGGE_CALENDAR: z.string().min(1).optional(),
  /** The supervision hotline shown on every grid's public notice board. */
  WANGGE_SUPERVISION_HOTLINE: z
    .string()
    .regex(/^[0-9+\-\s()]{3,20}$/, 'must be a phone number')
    .default('12345'),
  /**
   * The address residents reach the site at (https://wangge.example.cn), printed in the notice boards'
   * QR codes. Unset, the address the request came to: a desk on an intranet would print its own.
   */
  WANGGE_PUBLIC_URL: z
    .string()
    .refine(
      (v) => /^https?:/.test(v) && isBareOrigin(v),
      'must be an origin such as https://wangge.example.cn',
    )
    .transform((v) => v.replace(/\/$/, ''))
    .optional(),
  /** Share of a grid's area that may lie outside its parent or over a sibling (0.005 = 0.5%). */
  WANGGE_GRID_TOLERANCE: z.coerce.number().min(0).max(0.5).default(0.005),
  /** Vertices of one grid boundary (one feature of an import): more is refused before any geometry work. */
  WANGGE_GRID_MAX_VERTICES: int(100, 10_000_000).default(100_000),
  /** Vertices of all the features of one grid import together. */
  WANGGE_IMPORT_MAX_VERTICES: int(100, 50_000_000).default(2_000_000),
  /** Longest single statement of a user's grid geometry work on a PostgreSQL server, in milliseconds. */
  WANGGE_GEOMETRY_TIMEOUT_MS: int(100, 3_600_000).default(30_000),
  /** Reports of one category this close (metres) and this recent (hours) are offered as duplicates. */
  WANGGE_DUPLICATE_RADIUS: int(1, 10_000).default(LOOK_ALIKE_DEFAULTS.radiusM),
  WANGGE_DUPLICATE_HOURS: int(1, 24 * 90).default(LOOK_ALIKE_DEFAULTS.hours),
  /**
   * Days the field feed's change log is kept: a phone that last synced longer ago downloads its grids
   * again in full (a reset) instead of the changes.
   */
  WANGGE_FIELD_CHANGES_RETENTION_DAYS: int(1, 3650).default(30),
  /** Days of raw track points kept (today included); older day partitions are dropped with their points. */
  WANGGE_TRACK_RETENTION_DAYS: int(1, 3650).default(90),
  /** Day partitions of track points kept ready after today (a phone's clock may run ahead). */
  WANGGE_TRACK_AHEAD_DAYS: int(1, 60).default(3),
  /**
   * A font file with Chinese glyphs (TTF, OTF or TTC) for printed bulletins (PDF). Unset: the first of
   * the Debian CJK fonts found (fonts-wqy-microhei, fonts-noto-cjk, fonts-arphic-ukai).
   */
  WANGGE_PDF_FONT: z.string().min(1).optional(),
  /**
   * Freeze the product's clock at this instant (ISO 8601 with offset): for acceptance tests and
   * training rooms that need deadlines to stand still. Never set it in production.
   */
  WANGGE_CLOCK: z.iso.datetime({ offset: true }).optional(),
  /** Mark the session cookie Secure on every answer (requests that came over HTTPS get it anyway). */
  WANGGE_COOKIE_SECURE: bool.default(false),
  /**
   * Strict-Transport-Security: `auto` sends it on requests that came over HTTPS (directly or, with
   * WANGGE_TRUST_PROXY, per X-Forwarded-Proto), `always` on every answer, `off` never.
   */
  WANGGE_HSTS: z.enum(['auto', 'always', 'off']).default('auto'),
  /**
   * Other origins (comma-separated, e.g. https://tiles.example.cn) the web app may fetch from and draw
   * images of: added to the Content-Security-Policy's connect-src and img-src, for a base map served elsewhere.
   */
  WANGGE_CSP_EXTRA_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(z.url().refine(isBareOrigin, 'each entry must be an origin such as https://tiles.example.cn')),
    ),
  /**
   * The base map under every map (none by default: grid outlines and names alone). A raster tile
   * template with {z}, {x} and {y} (https://tiles.example.cn/{z}/{x}/{y}.png), or a MapLibre style
   * JSON's URL. Its origin joins the CSP by itself. See README "Base map".
   */
  WANGGE_BASEMAP_URL: z
    .url()
    .refine((v) => /^https?:\/\//.test(v), 'must be an http(s) URL')
    .optional(),
  /** The base map's credit line, shown in the map's corner (the presets bring their own). */
  WANGGE_BASEMAP_ATTRIBUTION: z.string().max(200).optional(),
  /** Datum of WANGGE_BASEMAP_URL's tiles: wgs84 (also CGCS2000, 天地图) or gcj02 (高德, 腾讯). */
  WANGGE_BASEMAP_CRS: z.enum(['wgs84', 'gcj02']).optional(),
  /** Deepest zoom the base map has tiles for (the map enlarges the deepest beyond it). */
  WANGGE_BASEMAP_MAX_ZOOM: int(1, 22).default(18),
  /** A ready-made base map: `tianditu` (天地图, with WANGGE_TIANDITU_KEY) or `amap` (高德, GCJ-02). */
  WANGGE_BASEMAP_PRESET: z.enum(['tianditu', 'amap']).optional(),
  /** 天地图's browser key (tk, 32 hex digits): alone, it selects the tianditu preset (vec_w + cva_w). */
  WANGGE_TIANDITU_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{32}$/, 'must be the 32 hex digits of a 天地图 key')
    .optional(),
  /** A PMTiles archive on this server (raster or vector), served at /basemap/{z}/{x}/{y}. */
  WANGGE_BASEMAP_PMTILES: z
    .string()
    .regex(/\.pmtiles$/, 'must name a .pmtiles file')
    .optional(),
  /**
   * Who may read /metrics, /docs and /openapi.json without signing in: addresses or CIDRs,
   * comma-separated (the client address as WANGGE_TRUST_PROXY resolves it). None by default: a
   * proxy on the same host would make every client look like loopback.
   */
  WANGGE_MONITORING_ADDRESSES: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .refine((list) => list.every(isAddressOrCidr), 'each entry must be an IP address or a CIDR'),
  /**
   * The MQTT broker trackers publish to (mqtt://127.0.0.1:1883, mqtts://…, with user:password@ if it
   * asks): each node reads `wangge/trackers/+/points` through the shared subscription `$share/wangge/…`.
   * Unset (the default), no broker is used: trackers post over HTTP.
   */
  WANGGE_MQTT_URL: z
    .string()
    .regex(/^(mqtts?|wss?):\/\/[^\s]+$/, 'must be an mqtt://, mqtts://, ws:// or wss:// URL')
    .optional(),
  /**
   * Redis (redis://[:password@]host:6379/0 or rediss://…) for several `wangge serve` nodes on one
   * PostgreSQL: live pushes fan out through its pub/sub. Unset (the default), one process needs none.
   */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/[^\s]+$/, 'must be a redis:// or rediss:// URL')
    .optional(),
  /**
   * Which reverse proxies to believe about the client (X-Forwarded-For/-Proto) and the request id:
   * `false` (none), a hop count such as `1`, or the proxies' addresses/CIDRs, comma-separated.
   * `true` is refused: it would believe any sender, so a client could choose its own IP.
   */
  WANGGE_TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v): false | number | string => {
      if (v === 'false' || v === '0') return false
      if (/^\d+$/.test(v)) return Number(v)
      return v
    })
    .refine(
      (v) => typeof v !== 'string' || /^[0-9a-fA-F.:/,\s]+$/.test(v),
      "must be false, a hop count or the proxies' addresses (true would believe any client)",
    ),
})

export type Config = z.infer<typeof ConfigSchema>

export class ConfigError extends Error {}

const SECRET_VARIABLES = new Set([
  'DATABASE_URL',
  'DATABASE_READ_URL',
  'WANGGE_ADMIN_PASSWORD',
  'WANGGE_SECURITY_ADMIN_PASSWORD',
  'WANGGE_AUDIT_ADMIN_PASSWORD',
  'WANGGE_DATA_KEY',
  'WANGGE_DATA_KEYS_RETIRED',
  'WANGGE_BACKUP_KEY',
  'WANGGE_TIANDITU_KEY',
  // They may carry the broker's or Redis's password.
  'WANGGE_MQTT_URL',
  'REDIS_URL',
])

export const BACKUP_KEY_IS_DATA_KEY =
  'invalid configuration: WANGGE_BACKUP_KEY must not be the personal-data key: a backup and that key must never open with one secret'

/** Whether two base64 keys are the same 32 bytes (however they are written). */
export function sameKey(
  a: string | Buffer | null | undefined,
  b: string | Buffer | null | undefined,
): boolean {
  const bytes = (k: typeof a) => (typeof k === 'string' ? parseDataKey(k) : (k ?? null))
  const x = bytes(a)
  const y = bytes(b)
  return x !== null && y !== null && x.equals(y)
}

export const READ_URL_NEEDS_PRIMARY =
  'invalid configuration: DATABASE_READ_URL names a replica of DATABASE_URL, which is not set (the embedded database has none)'

/** Parses the environment; the first bad variable is named in one line. */
export function loadConfig(given: NodeJS.ProcessEnv = process.env): Config {
  const env: NodeJS.ProcessEnv = { WANGGE_LOG_LEVEL: given.LOG_LEVEL, ...withoutEmpty(given) }
  const relevant = Object.fromEntries(
    Object.keys(ConfigSchema.shape).flatMap((key) =>
      env[key] === undefined || env[key] === '' ? [] : [[key, env[key]]],
    ),
  )
  const parsed = ConfigSchema.safeParse(relevant)
  if (parsed.success) {
    if (sameKey(parsed.data.WANGGE_BACKUP_KEY, parsed.data.WANGGE_DATA_KEY))
      throw new ConfigError(BACKUP_KEY_IS_DATA_KEY)
    if (parsed.data.DATABASE_READ_URL && !parsed.data.DATABASE_URL)
      throw new ConfigError(READ_URL_NEEDS_PRIMARY)
    const basemapProblem = basemapConflict(parsed.data)
    if (basemapProblem) throw new ConfigError(`invalid configuration: ${basemapProblem}`)
    return parsed.data
  }
  const issue = parsed.error.issues[0]
  const variable = String(issue?.path[0] ?? 'environment')
  // Secrets are named, never echoed (the message reaches terminals and logs).
  const shown = SECRET_VARIABLES.has(variable) ? '' : `=${JSON.stringify(env[variable] ?? '')}`
  throw new ConfigError(`invalid configuration: ${variable}${shown} ${issue?.message ?? ''}`.trim())
}

function withoutEmpty(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''))
}
