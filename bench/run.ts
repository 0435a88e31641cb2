// `npm run bench`: each benchmark prints its figure and its ratio against the limit it names.
import { benchAuthMe } from './auth-me.bench'
import { benchBigScreen } from './bigscreen.bench'
import { benchCity } from './city.bench'
import { benchDashboards } from './dashboard.bench'
import { benchFanout } from './fanout.bench'
import { benchFirstSync } from './firstsync.bench'
import { benchFirstSyncPhone } from './firstsync-phone.bench'
import { benchIntake } from './intake.bench'
import { benchLedgerImport, benchPersonSearch } from './ledger-import.bench'
import { benchLocate } from './locate.bench'
import { benchPatrolNightly, benchPatrolWorkerDay } from './patrolfigures'
import { benchReportPage } from './report-page.bench'
import { benchTiles } from './tiles.bench'
import { benchTrackIngest } from './trackingest'

const benches = [
  { limitName: 'empty Fastify route', unit: 'req/s', run: benchAuthMe },
  { limitName: 'PostGIS ST_Covers over GiST', unit: 'points/s', run: benchLocate },
  { limitName: 'the same tile query straight on the database, p95', unit: 'ms', run: benchTiles },
  { limitName: 'raw single-row insert over the same pool', unit: 'req/s', run: benchIntake },
  { limitName: 'the aim of a first visit', unit: 'KB', run: benchReportPage },
  { limitName: 'exceljs streaming parse only', unit: 'rows/s', run: benchLedgerImport },
  { limitName: 'the aim', unit: 'ms', run: benchPersonSearch },
  { limitName: 'the aim per worker-day', unit: 'ms', run: benchPatrolWorkerDay },
  { limitName: 'the per-worker-day aim × workers', unit: 'ms', run: benchPatrolNightly },
  { limitName: 'PostgreSQL COPY of the same rows', unit: 'points/s', run: benchTrackIngest },
  { limitName: 'the aim of 10 s', unit: 'ms', run: benchFirstSync },
  { limitName: 'the aim of 10 s', unit: 'ms', run: benchFirstSyncPhone },
  { limitName: 'the aim of 100 ms', unit: 'ms', run: benchDashboards },
  { limitName: 'the aim of 3 s', unit: 'ms', run: benchBigScreen },
  { limitName: 'the aim of 100 ms', unit: 'ms', run: benchCity },
  { limitName: 'the aim of 250 ms', unit: 'ms', run: benchFanout },
]
const only = process.argv[2]

for (const b of benches.filter((b) => !only || b.run.name.toLowerCase().includes(only))) {
  const r = await b.run()
  console.log(
    `${r.name}: ${r.value.toFixed(b.unit === 'ms' ? 1 : 0)} ${b.unit}; ${b.limitName}: ${r.limit.toFixed(b.unit === 'ms' ? 1 : 0)} ${b.unit}; ratio ${r.ratio.toFixed(2)}${'extra' in r ? `; ${r.extra}` : ''}`,
  )
}
process.exit(0)
