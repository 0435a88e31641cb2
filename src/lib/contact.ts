import type { DataCipher } from './crypto'

/** How a person can be reached, as stored (encrypted): a reporter's contact, a message's recipient. */
export interface StoredContact {
  name?: string
  phone?: string
  email?: string
}

/** Decrypts and parses a stored contact. */
export function openContact(cipher: DataCipher, stored: string): StoredContact {
  return JSON.parse(cipher.decrypt(stored)) as StoredContact
}

/** A contact without its blank fields; null when nothing is left. */
export function filledContact(contact: StoredContact | undefined): StoredContact | null {
  if (!contact) return null
  const filled = Object.entries(contact).filter(([, v]) => typeof v === 'string' && v.trim() !== '')
  return filled.length > 0 ? (Object.fromEntries(filled) as StoredContact) : null
}

/** Whether a contact holds somewhere a message can be sent. */
export const reachable = (contact: StoredContact): boolean => !!(contact.phone || contact.email)
