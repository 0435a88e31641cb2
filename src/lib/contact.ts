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

/** Whether a contact holds somewhere a message can be sent. */
export const reachable = (contact: StoredContact): boolean => !!(contact.phone || contact.email)
