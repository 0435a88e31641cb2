import type { DataCipher } from '../../lib/crypto'

/** How a reporter can be reached, as stored (encrypted) on the case. */
export interface StoredContact {
  name?: string
  phone?: string
  email?: string
}

/** Decrypts and parses a reporter's stored contact. */
export function openContact(cipher: DataCipher, stored: string): StoredContact {
  return JSON.parse(cipher.decrypt(stored)) as StoredContact
}

/** Whether a contact holds somewhere a message can be sent. */
export const reachable = (contact: StoredContact): boolean => !!(contact.phone || contact.email)
