import type { Actor } from '../../lib/context'
import { holdsAnywhere } from '../auth/auth.policy'

/** The live map is for those who read events or follow patrols somewhere. */
export const mayWatch = (actor: Actor) =>
  holdsAnywhere(actor, 'case.read') || holdsAnywhere(actor, 'patrol.read')
