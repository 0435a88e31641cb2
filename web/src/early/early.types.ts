/** What the early script (early.ts) leaves for the app, at `globalThis[EARLY_KEY]`. */
export interface EarlyReads {
  /**
   * The early answer to this request, once: a GET of the same address (query in any order) in the
   * same language, started less than a few seconds ago. Null otherwise: the client sends it itself.
   */
  take(request: Request): Promise<Response> | null
}

export const EARLY_KEY = Symbol.for('wangge.early')
