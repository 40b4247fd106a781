/**
 * Area-wide tracing bench (`npm run bench -- admin-area`, needs GATE_HUB_PG_URL): a health authority of one province
 * traces a person across 1,000 organisations' buildings holding 10,000,000 entries over 14 days (bench/lib/area-data.ts)
 * — over HTTP exactly as the admin page does (signed-in session with its second factor; the scope, one subject HMAC
 * per building, the audit row naming 1,000 organisations, visits and contacts, the HTML) and through the service alone.
 * Peer in the same run: `SELECT count(*) FROM entries` (one pass over the register).
 * GATE_BENCH_AREA_ENTRIES_PER_BUILDING shrinks the register for a smoke run (the figures then say nothing of the goal).
 */
import { traceableCheckpoints } from '../hub/admin-web/admin-scope.js';
import { validateHubConfig } from '../hub/config/hub-config.js';
import { startHub } from '../hub/hub-app.js';
import { silentHubLogger } from '../hub/hub-logger.js';
import { traceContacts } from '../hub/service/contact-tracing.js';
import { subjectInScope } from '../hub/service/tracing-subject.js';
import { logInAdmin, putAdmin } from '../test/support/hub-admin-data.js';
import { tempDir } from '../test/support/paths.js';
import { AREA, AREA_DAYS, loadArea } from './lib/area-data.js';
import { benchPostgresStore } from './lib/bench-postgres.js';
import { fmtMs, measureLatency, type BenchResult } from './lib/bench.js';

const BUILDINGS = 1_000;
const PER_BUILDING = Number(process.env.GATE_BENCH_AREA_ENTRIES_PER_BUILDING ?? 10_000);
const FIRST_DAY = Date.parse('2026-10-01T00:00:00+07:00');
const DAY_MS = 86_400_000;
const NOW = FIRST_DAY + AREA_DAYS * DAY_MS + 12 * 3_600_000;
const SAMPLES = 20;
const GOAL_MS = 2_000;
const dayOf = (i: number) => new Date(FIRST_DAY + i * DAY_MS + 7 * 3_600_000).toISOString().slice(0, 10);

/** The warm-up traces its own person (index `samples`), so it warms no sample's rows. */
const measure = (samples: number, work: (i: number) => Promise<unknown>) => measureLatency(samples, work, samples);

export async function run(): Promise<BenchResult> {
  const { store, url, schema, drop } = await benchPostgresStore('admin-area', 'bench_area');
  try {
    const register = await loadArea(store, BUILDINGS, PER_BUILDING, FIRST_DAY, SAMPLES + 1, (line) => process.stderr.write(`${line}\n`));
    const period = { from: FIRST_DAY, to: FIRST_DAY + AREA_DAYS * DAY_MS };
    const peer = await measure(5, () => store.pool.query('SELECT count(*) FROM entries'));
    let serviceVisits = 0;
    let serviceContacts = 0;
    const authority = { role: 'health-authority' as const, scopeId: AREA };
    const service = await measure(SAMPLES, async (i) => {
      const checkpoints = await traceableCheckpoints(store.registry, authority);
      const subject = await subjectInScope(store, checkpoints, register.tracedIdNumbers[i]!);
      const traced = await traceContacts(store.analytics, { subjectHmacs: subject.hmacs, checkpointIds: checkpoints.map((c) => c.checkpointId), ...period, windowMs: 15 * 60_000 });
      serviceVisits += traced.length;
      serviceContacts += traced.reduce((n, t) => n + t.contacts.length, 0);
    });

    const dataDir = tempDir('bench-area-hub');
    const config = validateHubConfig(`${dataDir}/hub.json`, { listen: { host: '127.0.0.1', port: 0 }, dataDir, storage: { kind: 'postgres', url, schema }, retentionDays: 90 });
    await putAdmin({ store }, 'bench.cdc', 'health-authority', AREA);
    const hub = await startHub(config, { store, logger: silentHubLogger, now: () => NOW });
    let http: Awaited<ReturnType<typeof measure>>;
    try {
      const admin = await logInAdmin(hub, 'bench.cdc', NOW);
      http = await measure(SAMPLES, async (i) => {
        const response = await admin.post('/admin-web/tracing', {
          idNumber: register.tracedIdNumbers[i]!, from: dayOf(0), to: dayOf(AREA_DAYS - 1), window: '15', reason: 'Đo hiệu năng truy vết theo địa bàn', mode: 'trace',
        });
        const body = await response.text();
        if (response.status !== 200 || !body.includes('của 1000 tổ chức')) throw new Error(`area tracing over HTTP: ${response.status}`);
      });
    } finally {
      await hub.close();
    }

    const row = (name: string, s: { p50: number; p95: number; max: number }) => [name, fmtMs(s.p50), fmtMs(s.p95), fmtMs(s.max)];
    return {
      title: `area-wide tracing over ${register.entries.toLocaleString('en-US')} entries in ${BUILDINGS.toLocaleString('en-US')} buildings (PostgreSQL)`,
      method:
        `${register.entries.toLocaleString('en-US')} entries: ${BUILDINGS} organisations (one building and checkpoint each) in 10 districts of one province, ` +
        `${PER_BUILDING.toLocaleString('en-US')} per building over ${AREA_DAYS} days, generated with generate_series in ${register.loadSeconds.toFixed(0)} s ` +
        `(indexes dropped for the load, rebuilt, ANALYZE). ${SAMPLES + 1} traced people each visited 20 random buildings. ${SAMPLES} samples each (after one ` +
        'warm-up, a different person each): the province authority tracing one person over the 14 days ±15 min through the service (scope, 1,000 subject ' +
        'HMACs, visits, contacts) and over HTTP (POST /admin-web/tracing with a signed-in session: the same plus the audit row naming 1,000 organisations and the HTML).',
      peer: { name: 'SELECT count(*) FROM entries', method: 'One pass over the whole register in the same database, 5 samples.' },
      goals: [{ goal: `area-wide tracing p95 ≤ ${GOAL_MS} ms (HTTP)`, measured: `${fmtMs(http.p95)} (service ${fmtMs(service.p95)})`, met: http.p95 <= GOAL_MS }],
      ratios: [
        { metric: 'area tracing over HTTP p50', ours: fmtMs(http.p50), peer: fmtMs(peer.p50), ratio: http.p50 / peer.p50, better: 'lower' },
        { metric: 'area tracing, service p50', ours: fmtMs(service.p50), peer: fmtMs(peer.p50), ratio: service.p50 / peer.p50, better: 'lower' },
      ],
      tables: [{ title: 'Latency', columns: ['query', 'p50', 'p95', 'max'], rows: [row('area tracing, HTTP (page)', http), row('area tracing, service', service), row('peer: SELECT count(*) FROM entries', peer)] }],
      notes: [`The service samples found ${serviceVisits} visits and ${serviceContacts} contacts for ${SAMPLES} people (about ${(serviceVisits / SAMPLES).toFixed(1)} visits each, across buildings).`],
    };
  } finally {
    await drop();
  }
}
