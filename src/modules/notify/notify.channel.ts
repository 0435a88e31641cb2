import type { Executor } from '../../db/database'
import { openContact, reachable } from '../../lib/contact'
import { type DataCipher, maskEmail, maskPhone } from '../../lib/crypto'
import type { OutboxDrainer } from '../outbox/outbox.drainer'
import { outboxRepo } from '../outbox/outbox.repo'

/** A message to a person outside the product: a resident who left a phone number or an e-mail. */
export interface OutsideMessage {
  to: { phone?: string; email?: string }
  text: string
}

/**
 * How messages leave the product (SMS, e-mail). A deployment plugs in its gateway.
 *
 * Each message is an outbox row of its own (`message.send`), delivered in a transaction of its own
 * and retried with the drainer's backoff while `send` throws. A gateway may have taken a message
 * although its delivery did not commit (the reply was lost, the process stopped): the retry then
 * sends it again with the same `idempotencyKey` (the outbox row's id, stable across retries and
 * processes), which the gateway must use to drop the repeat (an SMS gateway's client message id, an
 * e-mail's Message-ID). `ex` is the delivery's transaction: writes through it commit with the
 * delivered mark, exactly once.
 */
export interface MessageChannel {
  send(ex: Executor, message: OutsideMessage, idempotencyKey: string): Promise<void>
}

/**
 * The default channel, for deployments without a gateway (and offline ones): each message is written
 * to the outbox log as a delivered `message.logged` row, the recipient masked, so an operator sees
 * what would have been sent.
 */
export const outboxLogChannel: MessageChannel = {
  async send(ex, { to, text }, key) {
    const masked = {
      phone: to.phone ? maskPhone(to.phone) : null,
      email: to.email ? maskEmail(to.email) : null,
    }
    await outboxRepo.insertDelivered(ex, 'message.logged', { to: masked, text, key })
  },
}

const TOPIC = 'message.send'

/**
 * Queues a message in the caller's transaction. `to` is the recipient's contact as stored, encrypted
 * JSON `{ phone?, email? }`: the outbox keeps no personal data in the clear.
 */
export async function queueMessage(ex: Executor, message: { to: string; text: string }): Promise<void> {
  await outboxRepo.enqueue(ex, TOPIC, message)
}

/** Sends queued messages through the channel, one outbox row at a time. */
export function registerMessageChannel(
  drainer: OutboxDrainer,
  outside: { cipher: DataCipher; channel: MessageChannel },
) {
  drainer.on(
    TOPIC,
    async (tx, p, message) => {
      const contact = openContact(outside.cipher, String(p.to))
      if (!reachable(contact)) return undefined
      const to = { phone: contact.phone || undefined, email: contact.email || undefined }
      await outside.channel.send(tx, { to, text: String(p.text) }, message.id)
      return undefined
    },
    { alone: true },
  )
}
