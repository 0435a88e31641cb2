import type { Db } from '../../db/database'
import type { RequestContext } from '../../lib/context'
import type { DataCipherName } from '../../lib/crypto'
import type { FieldCipher } from '../../lib/field-crypto'
import { conflict, forbidden } from '../../lib/problem'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { recordAudit } from '../audit/audit.service'
import { may } from '../auth/auth.policy'
import { LEGACY_TABLES, SEALED_TABLES } from './datakeys.columns'
import type { RotationJob } from './datakeys.job'
import { dataKeysRepo } from './datakeys.repo'

/** The key rotation's status and its re-encryption job: for the security administrator (datakey.manage). */
export function createDataKeysService(
  deps: ServiceDeps,
  settings: { fields: FieldCipher; algorithm: DataCipherName; job: RotationJob },
) {
  const db: Db = deps.db
  const { fields, algorithm, job } = settings
  const guard = (ctx: RequestContext) => {
    if (!may(ctx.actor, 'datakey.manage')) throw forbidden('auth.forbidden', 'You may not manage data keys')
  }

  return {
    async status(ctx: RequestContext) {
      guard(ctx)
      const counts = [
        ...(await dataKeysRepo.countsByKey(db, SEALED_TABLES, false)),
        ...(await dataKeysRepo.countsByKey(db, LEGACY_TABLES, true)),
      ]
      const rotation = await dataKeysRepo.latest(db)
      return {
        algorithm,
        currentKeyId: fields.currentKeyId,
        keyIds: [...fields.keyIds],
        values: counts.map((c) => ({ table: c.table, column: c.column, keyId: c.key_id, count: c.count })),
        valuesUnderRetiredKeys: counts
          .filter((c) => c.key_id !== 'legacy' && c.key_id !== fields.currentKeyId)
          .reduce((n, c) => n + c.count, 0),
        rotation: rotation && {
          id: rotation.id,
          targetKeyId: rotation.target_key_id,
          status: rotation.status,
          progress: Object.fromEntries(
            Object.entries(rotation.progress).map(([t, p]) => [t, { done: p.done }]),
          ),
          rowsDone: rotation.rows_done,
          startedBy: rotation.started_by,
          startedAt: new Date(rotation.started_at).toISOString(),
          finishedAt: rotation.finished_at && new Date(rotation.finished_at).toISOString(),
          failure: rotation.failure,
        },
      }
    },

    /** Starts re-encrypting every value under the current key; audited. */
    async startRotation(ctx: RequestContext) {
      guard(ctx)
      if (job.busy) throw conflict('datakey.rotation_running', 'A re-encryption is running already')
      const id = await job.start(ctx.actor?.name ?? 'system')
      if (!id) throw conflict('datakey.rotation_running', 'A re-encryption is running already')
      await inTransaction(deps, (tx) =>
        recordAudit(tx, ctx, {
          action: 'datakey.rotate',
          resourceType: 'data_key',
          resourceId: fields.currentKeyId,
          summary: { rotation: id, keys: [...fields.keyIds] },
        }),
      )
      return { id }
    },
  }
}

export type DataKeysService = ReturnType<typeof createDataKeysService>
