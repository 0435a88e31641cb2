/**
 * The server's views, from the types generated out of its OpenAPI document (openapi.d.ts, written by
 * `npm run api:types`): a field the server renames breaks the web build, not a page at run time.
 */
import type { components, paths } from './openapi'

type Schemas = components['schemas']
/** The JSON of a response or request body: `JsonOf<paths['/api/users']['get']['responses'][200]>`. */
export type JsonOf<T> = T extends { content: { 'application/json': infer Body } } ? Body : never

export type Scope = Schemas['Scope']
export type Grant = Schemas['Grant']
export type Me = Schemas['Me']
export type User = Schemas['User']
export type UserStatus = User['status']
export type Permission = Schemas['Permission']
export type Role = Schemas['Role']
export type ApiKey = Schemas['ApiKey']
export type AuditEntry = Schemas['AuditEntry']

export type UserList = JsonOf<paths['/api/users']['get']['responses'][200]>
export type AuditPage = JsonOf<paths['/api/audit']['get']['responses'][200]>
/** The key itself is in this answer only. */
export type CreatedApiKey = JsonOf<paths['/api/api-keys']['post']['responses'][201]>
export type GridSummary = Schemas['GridSummary']
export type Grid = Schemas['Grid']
export type GridList = JsonOf<paths['/api/grids']['get']['responses'][200]>
export type GridImportResult = JsonOf<paths['/api/grids/import']['post']['responses'][201]>
