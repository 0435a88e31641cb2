// The entry of the thread that reads an import's sheet: TypeScript runs through tsx here too (a worker
// does not inherit the loader the server registered in its own thread).
import { register } from 'tsx/esm/api'

register()
await import('./sheet-worker.ts')
