/** Where a grant applies: a grid subtree by path (the empty path is the whole deployment) or a department. */
export type Scope = { type: 'grid'; path: string } | { type: 'department'; id: string }

export interface Grant {
  roleKey: string
  permissions: readonly string[]
  scope: Scope
}

/** Who is acting: a signed-in user, an integration's API key, or the system itself (sweeps, CLI). */
export interface Actor {
  type: 'user' | 'api_key' | 'system'
  id: string
  name: string
  grants: readonly Grant[]
  sessionId?: string
}

/** What a service needs to know about the request it serves (for policy and audit). */
export interface RequestContext {
  actor: Actor | null
  ip: string | null
  requestId: string | null
}

export const ROOT_SCOPE: Scope = { type: 'grid', path: '' }

export const systemContext = (name = 'system'): RequestContext => ({
  actor: {
    type: 'system',
    id: name,
    name,
    grants: [{ roleKey: 'system', permissions: ['*'], scope: ROOT_SCOPE }],
  },
  ip: null,
  requestId: null,
})
