import { sql } from 'drizzle-orm'
import type { Executor } from '../../db/database'
import { maskEmail, maskPhone } from '../../lib/crypto'
import { uuidv7 } from '../../lib/ids'

/** A message to a person outside the product: a resident who left a phone number or an e-mail. */
export interface OutsideMessage {
  to: { phone?: string; email?: string }
  text: string
}

/**
 * How messages leave the product (SMS, e-mail). A deployment plugs in its gateway; sending happens
 * inside the outbox delivery, so a failing gateway is retried with the rest of the message.
 */
export interface MessageChannel {
  send(ex: Executor, message: OutsideMessage): Promise<void>
}

/**
 * The default channel, for deployments without a gateway (and offline ones): each message is written
 * to the outbox log as a delivered `message.logged` row, the recipient masked, so an operator sees
 * what would have been sent.
 */
export const outboxLogChannel: MessageChannel = {
  async send(ex, { to, text }) {
    const masked = {
      phone: to.phone ? maskPhone(to.phone) : null,
      email: to.email ? maskEmail(to.email) : null,
    }
    await ex.execute(sql`insert into outbox (id, topic, payload, delivered_at, attempts)
      values (${uuidv7()}, 'message.logged', ${JSON.stringify({ to: masked, text })}::jsonb, now(), 1)`)
  },
}
