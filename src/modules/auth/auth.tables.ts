import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { createdAt, ltree, sha256Hex, updatedAt } from '../../db/types'

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    /** `active` or `disabled`; a disabled user cannot sign in and loses every session. */
    status: text('status').notNull().default('active'),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    /** Until then the account is locked for every source but the owner's known ones (see login_locks). */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_username_key').on(sql`lower(${t.username})`),
    check('users_status_check', sql`${t.status} in ('active', 'disabled')`),
  ],
)

export const roles = pgTable(
  'roles',
  {
    id: uuid('id').primaryKey(),
    /** Stable key: `admin`, `grid_worker` … for built-in roles, chosen by the administrator otherwise. */
    key: text('key').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    permissions: text('permissions').array().notNull(),
    builtin: boolean('builtin').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('roles_key_key').on(t.key)],
)

/**
 * A role held by a user within a scope: a grid subtree (by path; the empty path is the whole deployment)
 * or a department. A user may hold several grants.
 */
export const roleGrants = pgTable(
  'role_grants',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    roleId: uuid('role_id')
      .notNull()
      .references(() => roles.id),
    scopeType: text('scope_type').notNull(),
    scopeGridPath: ltree('scope_grid_path'),
    scopeDepartmentId: uuid('scope_department_id'),
    grantedBy: uuid('granted_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('role_grants_user_idx').on(t.userId),
    uniqueIndex('role_grants_unique_idx').on(
      t.userId,
      t.roleId,
      t.scopeType,
      sql`coalesce(${t.scopeGridPath}::text, '')`,
      sql`coalesce(${t.scopeDepartmentId}::text, '')`,
    ),
    check(
      'role_grants_scope_check',
      sql`(${t.scopeType} = 'grid' and ${t.scopeGridPath} is not null and ${t.scopeDepartmentId} is null)
       or (${t.scopeType} = 'department' and ${t.scopeDepartmentId} is not null and ${t.scopeGridPath} is null)`,
    ),
  ],
)

/** Sign-in sessions: the cookie carries a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    tokenHash: sha256Hex('token_hash').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** Absolute end of the session, whatever the activity. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /**
     * `browser` (the desk: idle and absolute limits in minutes and hours) or `device` (a field phone
     * signed in for days offline: WANGGE_DEVICE_SESSION_IDLE_DAYS and WANGGE_DEVICE_SESSION_DAYS).
     */
    kind: text('kind').notNull().default('browser'),
    /** The name the device was signed in with (shown in 我的设备), for device sessions. */
    deviceName: text('device_name'),
  },
  (t) => [
    uniqueIndex('sessions_token_hash_key').on(t.tokenHash),
    index('sessions_user_idx').on(t.userId),
    check('sessions_kind_check', sql`${t.kind} in ('browser', 'device')`),
  ],
)

/** Keys for integrations (hotline, IoT, Open311 clients): a role and a scope like a grant, no user. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    /** The first characters of the key, shown to tell keys apart; the key itself is never stored. */
    prefix: text('prefix').notNull(),
    keyHash: sha256Hex('key_hash').notNull(),
    roleId: uuid('role_id')
      .notNull()
      .references(() => roles.id),
    scopeType: text('scope_type').notNull(),
    scopeGridPath: ltree('scope_grid_path'),
    scopeDepartmentId: uuid('scope_department_id'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('api_keys_key_hash_key').on(t.keyHash),
    check(
      'api_keys_scope_check',
      sql`(${t.scopeType} = 'grid' and ${t.scopeGridPath} is not null and ${t.scopeDepartmentId} is null)
       or (${t.scopeType} = 'department' and ${t.scopeDepartmentId} is not null and ${t.scopeGridPath} is null)`,
    ),
  ],
)

/**
 * Failed sign-ins per account and source (client IP). The account is named by a keyed hash of the
 * typed username, known or not, so unknown names are throttled exactly like real ones and a
 * password typed into the username field is never stored readable.
 */
export const loginThrottle = pgTable(
  'login_throttle',
  {
    accountKey: text('account_key').notNull(),
    source: text('source').notNull(),
    /** Failures from this source since the counter last reset (a success or a quiet window). */
    failures: integer('failures').notNull().default(0),
    lastFailedAt: timestamp('last_failed_at', { withTimezone: true }),
    /** This source waits until then before its next attempt on this account. */
    blockedUntil: timestamp('blocked_until', { withTimezone: true }),
    /** The owner signed in from here: the source stays usable during an account-wide lock. */
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.accountKey, t.source] })],
)

/** Account-wide locks, after failures from many sources; known sources of the owner are exempt. */
export const loginLocks = pgTable('login_locks', {
  accountKey: text('account_key').primaryKey(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }).notNull(),
})

/**
 * A user's second factor (TOTP, RFC 6238): the secret encrypted with the data cipher. An enrolment
 * waits in `pendingSecret` until a code confirms it, so re-enrolling never locks the owner out.
 */
export const secondFactors = pgTable('second_factors', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  secret: text('secret'),
  pendingSecret: text('pending_secret'),
  pendingSince: timestamp('pending_since', { withTimezone: true }),
  activatedAt: timestamp('activated_at', { withTimezone: true }),
  /** The last accepted 30-second time step: a code is good once. */
  lastStep: integer('last_step'),
  updatedAt: updatedAt(),
})

/** One-time recovery codes of a second factor, stored only as their SHA-256. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    codeHash: sha256Hex('code_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
)

/** The step between a right password and a right code: a random token (hashed), one user, one address, one use. */
export const loginChallenges = pgTable(
  'login_challenges',
  {
    tokenHash: sha256Hex('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    ip: text('ip').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('login_challenges_user_idx').on(t.userId)],
)
