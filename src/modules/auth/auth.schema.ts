import { z } from 'zod'

export const ScopeSchema = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('grid'),
      /** Grid path, e.g. `510104.001.002`; the empty path is the whole deployment. */
      path: z
        .string()
        .max(255)
        .regex(
          /^$|^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/,
          'must be a dotted grid path such as 510104.001 (empty for all)',
        ),
    }),
    z.object({ type: z.literal('department'), id: z.uuid() }),
  ])
  .meta({ id: 'Scope' })

export const GrantViewSchema = z
  .object({
    id: z.uuid(),
    roleId: z.uuid(),
    roleKey: z.string(),
    roleNameZh: z.string(),
    roleNameEn: z.string(),
    permissions: z.array(z.string()),
    scope: ScopeSchema,
  })
  .meta({ id: 'Grant' })

export const MeSchema = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    mustChangePassword: z.boolean(),
    grants: z.array(GrantViewSchema),
    /** Every permission the user holds in some scope: the web menu is built from these. */
    permissions: z.array(z.string()),
    /** Whether a second factor is active, and whether one of the user's roles requires it. */
    secondFactor: z.object({ active: z.boolean(), required: z.boolean() }),
  })
  .meta({ id: 'Me' })

const totpCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'six digits')
export const SecondFactorEnrolmentSchema = z
  .object({
    /** The secret in base32, for typing into an authenticator app by hand. */
    secret: z.string(),
    /** The otpauth:// address the QR code holds. */
    uri: z.string(),
    /** The QR code, as a data: URL. */
    qr: z.string(),
  })
  .meta({ id: 'SecondFactorEnrolment' })
export const SecondFactorConfirmBodySchema = z.object({ code: totpCode })
export const RecoveryCodesSchema = z
  .object({ recoveryCodes: z.array(z.string()) })
  .meta({ id: 'RecoveryCodes' })
/** A sign-in from the field app: the session is a device session (days, not hours), listed under this name. */
const DeviceSchema = z.object({ name: z.string().trim().min(1).max(60) }).optional()

export const LoginSecondFactorBodySchema = z
  .object({
    challenge: z.string().min(1).max(128),
    device: DeviceSchema,
    code: totpCode.optional(),
    recoveryCode: z.string().min(1).max(64).optional(),
  })
  .refine((b) => (b.code === undefined) !== (b.recoveryCode === undefined), {
    message: 'give either a code or a recovery code',
  })

const username = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9_.@-]+$/, 'letters, digits and _ . @ - only')

export const LoginBodySchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
  device: DeviceSchema,
})

/** A signed-in device 我的设备: a device session of the field app. */
export const DeviceViewSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    createdAt: z.iso.datetime(),
    lastSeenAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    userAgent: z.string().nullable(),
    /** The session this request came with. */
    current: z.boolean(),
  })
  .meta({ id: 'DeviceView' })
export const DeviceListQuerySchema = z.object({
  /** Another user's devices (their manager only); the caller's own by default. */
  user: z.uuid().optional(),
})
export type DeviceView = z.infer<typeof DeviceViewSchema>
export const ChangePasswordBodySchema = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
})

export const UserViewSchema = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    status: z.enum(['active', 'disabled']),
    mustChangePassword: z.boolean(),
    lockedUntil: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    grants: z.array(GrantViewSchema),
    liveSessions: z.number().int(),
  })
  .meta({ id: 'User' })

export const GrantBodySchema = z.object({ roleId: z.uuid(), scope: ScopeSchema })

export const UserCreateBodySchema = z.object({
  username,
  displayName: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
  grants: z.array(GrantBodySchema).max(20).default([]),
})

export const UserPatchBodySchema = z
  .object({
    displayName: z.string().trim().min(1).max(64).optional(),
    status: z.enum(['active', 'disabled']).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change')

export const ResetPasswordBodySchema = z.object({ password: z.string().min(1).max(256) })

export const UserListQuerySchema = z.object({
  q: z.string().max(64).optional(),
  status: z.enum(['active', 'disabled']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
})

export const UserListSchema = z.object({ items: z.array(UserViewSchema), total: z.number().int() })

export const IdParamsSchema = z.object({ id: z.uuid() })
export const GrantParamsSchema = z.object({ id: z.uuid(), grantId: z.uuid() })

export const PermissionViewSchema = z
  .object({ key: z.string(), zh: z.string(), en: z.string() })
  .meta({ id: 'Permission' })

export const RoleViewSchema = z
  .object({
    id: z.uuid(),
    key: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    permissions: z.array(z.string()),
    builtin: z.boolean(),
  })
  .meta({ id: 'Role' })

export const RoleCreateBodySchema = z.object({
  key: z
    .string()
    .min(2)
    .max(48)
    .regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and _; starting with a letter'),
  nameZh: z.string().trim().min(1).max(48),
  nameEn: z.string().trim().min(1).max(64),
  permissions: z.array(z.string()).min(1).max(200),
})

export const RolePatchBodySchema = RoleCreateBodySchema.omit({ key: true })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change')

export const ApiKeyViewSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    roleId: z.uuid(),
    roleKey: z.string(),
    scope: ScopeSchema,
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiKey' })

export const ApiKeyCreateBodySchema = z.object({
  name: z.string().trim().min(1).max(64),
  roleId: z.uuid(),
  scope: ScopeSchema,
})

/** The key itself appears in this answer only; it is stored hashed. */
export const ApiKeyCreatedSchema = ApiKeyViewSchema.extend({ key: z.string() })

export type Me = z.infer<typeof MeSchema>
export type UserView = z.infer<typeof UserViewSchema>
export type RoleView = z.infer<typeof RoleViewSchema>
export type ApiKeyView = z.infer<typeof ApiKeyViewSchema>
