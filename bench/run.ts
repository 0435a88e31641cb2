// `npm run bench`: each benchmark prints its figure and its ratio against the limit it names.
import { benchAuthMe } from './auth-me.bench'

const benches = [{ limitName: 'empty Fastify route', run: benchAuthMe }]

for (const b of benches) {
  const r = await b.run()
  console.log(
    `${r.name}: ${Math.round(r.value)} req/s; ${b.limitName}: ${Math.round(r.limit)} req/s; ratio ${r.ratio.toFixed(2)}`,
  )
}
process.exit(0)
