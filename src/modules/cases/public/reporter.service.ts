import { openContact } from '../../../lib/contact'
import type { RequestContext } from '../../../lib/context'
import type { DataCipher } from '../../../lib/crypto'
import { maskEmail, maskName, maskPhone } from '../../../lib/crypto'
import { badRequest, forbidden, notFound } from '../../../lib/problem'
import { inTransaction, type ServiceDeps } from '../../../lib/service'
import { recordPersonalDataRead } from '../../audit/audit.personal-data'
import { recordAudit } from '../../audit/audit.service'
import { mayDecidePublication, mayUnmaskContact } from '../cases.publication'
import type { CasesService } from '../cases.service'
import { publicRepo } from './public.repo'
import type { Contact, ReporterContact } from './public.schema'

/** What staff decide and see of a case's reporter: publication consent and the contact. */
export function createReporterService(deps: ServiceDeps, cases: CasesService, cipher: DataCipher) {
  const { db } = deps

  return {
    /**
     * Staff record whether the reporter agreed to publication (a hotline caller, a worker's
     * neighbour): only those who may accept or supervise the case, audited as `case.publication`.
     */
    async setPublication(ctx: RequestContext, id: string, publish: boolean) {
      await cases.view(ctx, id) // 404 for whoever may not read the case
      const row = await publicRepo.reporter(db, id)
      if (!row) throw notFound('case.not_found', `No case ${id}`)
      if (!mayDecidePublication(ctx.actor, { gridPath: row.grid_path, ownerPath: row.owner_path }))
        throw forbidden('case.publication_forbidden', 'You may not decide whether this case is published')
      await inTransaction(deps, async (tx) => {
        await publicRepo.setPublishConsent(tx, id, publish)
        await recordAudit(tx, ctx, {
          action: 'case.publication',
          resourceType: 'case',
          resourceId: row.no,
          summary: { publish },
        })
      })
      return { publish }
    },

    /**
     * A case's reporter contact for staff who may read the case: masked, or in clear for those who
     * accept or supervise it, with a reason. Every view that carries a contact, masked or not, writes a
     * `personal_data.read` row before it is answered; a clear view writes `case.contact_unmask` too,
     * with the reason given.
     */
    async reporterContact(
      ctx: RequestContext,
      id: string,
      ask: { unmask: boolean; reason?: string },
    ): Promise<ReporterContact> {
      await cases.view(ctx, id) // 404 for whoever may not read the case
      const row = await publicRepo.reporter(db, id)
      if (!row) throw notFound('case.not_found', `No case ${id}`)
      const { unmask } = ask
      const mayUnmask = mayUnmaskContact(ctx.actor, { gridPath: row.grid_path, ownerPath: row.owner_path })
      if (unmask && !mayUnmask)
        throw forbidden('case.contact_forbidden', 'You may not see the reporter’s contact unmasked')
      const reason = ask.reason?.trim()
      if (unmask && !reason)
        throw badRequest('case.unmask_reason_required', 'Say why you unmask the reporter’s contact')
      const contact = row.reporter_contact ? (openContact(cipher, row.reporter_contact) as Contact) : null
      const clear = {
        name: contact?.name ?? null,
        phone: contact?.phone ?? null,
        email: contact?.email ?? null,
      }
      if (!contact) return { contact: null, masked: !unmask, mayUnmask }
      const fields = Object.keys(contact)
      const read = {
        subjectType: 'case_reporter',
        subjectIds: [row.no],
        purpose: 'case.reporter_contact',
        fields,
        masked: !unmask,
      }
      if (!unmask) {
        await recordPersonalDataRead(db, ctx, read)
        const masked = {
          name: clear.name && maskName(clear.name),
          phone: clear.phone && maskPhone(clear.phone),
          email: clear.email && maskEmail(clear.email),
        }
        return { contact: masked, masked: true, mayUnmask }
      }
      await inTransaction(deps, async (tx) => {
        await recordAudit(tx, ctx, {
          action: 'case.contact_unmask',
          resourceType: 'case',
          resourceId: row.no,
          summary: { fields, reason },
        })
        await recordPersonalDataRead(tx, ctx, read)
      })
      return { contact: clear, masked: false, mayUnmask }
    },
  }
}
