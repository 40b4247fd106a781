/**
 * Admin bench (`npm run bench -- admin`, needs GATE_HUB_PG_URL): 1,000,000 synthetic entries in a fresh PostgreSQL
 * schema (bench/lib/admin-data.ts), then p50/p95 of what the admin pages ask, through the same store functions:
 * Danh sách's first page of one checkpoint and day (store and over HTTP with a logged-in session), the hourly
 * statistics of one day, the whole statistics page's queries, the person search by ID number (store and HTTP), and
 * contact tracing of one person over 14 days — over a register where one visit in ten is a phone check-in.
 * Peer in the same run: `SELECT count(*) FROM entries` (one pass over the register).
 */
import { validateHubConfig } from '../hub/config/hub-config.js';
import { startHub } from '../hub/hub-app.js';
import { silentHubLogger } from '../hub/hub-logger.js';
import { localTime } from '../hub/admin-web/local-time.js';
import { loadStats } from '../hub/admin-web/stats-page.js';
import { traceContacts } from '../hub/service/contact-tracing.js';
import { entrySubjectHmacsOf } from '../hub/crypto/hub-crypto.js';
import { logInAdmin, putAdmin } from '../test/support/hub-admin-data.js';
import { tempDir } from '../test/support/paths.js';
import { seededRandom } from '../test/support/seeded-random.js';
import { createSites, DAYS, loadRegister, PEOPLE_PER_BUILDING, type LoadedRegister } from './lib/admin-data.js';
import { benchPostgresStore } from './lib/bench-postgres.js';
import { fmtMs, measureLatency, type BenchResult, type LatencyWithP95 } from './lib/bench.js';

/** GATE_BENCH_ADMIN_ENTRIES shrinks the register for a quick smoke run (the figures then say nothing about the goals). */
const ENTRIES = Number(process.env.GATE_BENCH_ADMIN_ENTRIES ?? 1_000_000);
const FIRST_DAY = Date.parse('2026-10-01T00:00:00+07:00');
const DAY_MS = 86_400_000;
const NOW = FIRST_DAY + DAYS * DAY_MS + 12 * 3_600_000;
const SAMPLES = 40;
const GOAL_LIST_MS = 200;
const GOAL_HOURLY_MS = 200;
const GOAL_TRACE_MS = 1_000;

const dayOf = (i: number) => new Date(FIRST_DAY + i * DAY_MS + 7 * 3_600_000).toISOString().slice(0, 10);

type Latency = LatencyWithP95;
const measure = (samples: number, work: (i: number) => Promise<unknown>) => measureLatency(samples, work);

export async function run(): Promise<BenchResult> {
  const { store, url, schema, drop } = await benchPostgresStore('admin', 'bench_admin');
  try {
    const loadStarted = Date.now();
    const register: LoadedRegister = await loadRegister(store.pool, await createSites(store), ENTRIES, FIRST_DAY);
    const loadSeconds = (Date.now() - loadStarted) / 1000;
    const random = seededRandom(21);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const allCheckpoints = register.sites.flatMap((s) => s.checkpointIds);
    const dayRange = (i: number) => ({ from: FIRST_DAY + i * DAY_MS, to: FIRST_DAY + (i + 1) * DAY_MS });

    const peer = await measure(5, () => store.pool.query('SELECT count(*) FROM entries'));
    const list = await measure(SAMPLES, () => store.entryQueries.listEntries({ checkpointId: pick(allCheckpoints), ...dayRange(Math.floor(random() * DAYS)), limit: 50 }));
    const hourly = await measure(SAMPLES, () => {
      const day = dayRange(Math.floor(random() * DAYS));
      return store.analytics.passagesPerBucket(pick(allCheckpoints), day.from, day.to, 3_600_000);
    });
    const statsPage = await measure(SAMPLES, () => {
      const day = dayOf(7 + Math.floor(random() * (DAYS - 7)));
      return loadStats(store.analytics, pick(allCheckpoints), { day, rangeFrom: dayOf(Number(day.slice(8)) - 7), rangeTo: day }, NOW, localTime());
    });
    // A person as the admin web asks for them: both subject HMAC forms of the building (current and pre-issue-15).
    const somePerson = () => {
      const b = Math.floor(random() * register.sites.length);
      const site = register.sites[b]!;
      return { site, idNumber: register.idNumberOf(b, Math.floor(random() * PEOPLE_PER_BUILDING)), hmacs: [] as string[] };
    };
    const withHmacs = (p: ReturnType<typeof somePerson>) => ({ ...p, hmacs: entrySubjectHmacsOf(p.site.identityKey, p.site.subjectKey, p.idNumber) });
    let found = 0;
    /** A person who was at a checkpoint on a day (the person search's usual question), as (site, number, checkpoint, day). */
    const someVisitor = () => {
      const v = pick(register.visits);
      const day = Math.floor((v.at - FIRST_DAY) / DAY_MS);
      return { site: register.sites[v.building]!, idNumber: register.idNumberOf(v.building, v.person), checkpointId: v.checkpointId, day };
    };
    const search = await measure(SAMPLES, async () => {
      const v = someVisitor();
      const hmacs = entrySubjectHmacsOf(v.site.identityKey, v.site.subjectKey, v.idNumber);
      const rows = await store.entryQueries.listEntries({ checkpointId: v.checkpointId, ...dayRange(v.day), subjectHmacs: hmacs, limit: 50 });
      found += rows.length;
    });
    let visits = 0;
    const trace = await measure(SAMPLES, async () => {
      const person = withHmacs(somePerson());
      const from = FIRST_DAY + 14 * DAY_MS;
      const traced = await traceContacts(store.analytics, { subjectHmacs: person.hmacs, checkpointIds: person.site.checkpointIds, from, to: from + 14 * DAY_MS, windowMs: 15 * 60_000 });
      visits += traced.length;
    });
    const phoneCheckins = Number((await store.pool.query<{ n: string }>("SELECT count(*)::text AS n FROM entries WHERE credential_kind = 'phone-checkin'")).rows[0]!.n);

    const dataDir = tempDir('bench-admin-hub');
    const config = validateHubConfig(`${dataDir}/hub.json`, { listen: { host: '127.0.0.1', port: 0 }, dataDir, storage: { kind: 'postgres', url, schema }, retentionDays: 90 });
    await putAdmin({ store }, 'bench.admin', 'organisation-admin', 'bench-org');
    const hub = await startHub(config, { store, logger: silentHubLogger, now: () => NOW });
    let http: Latency;
    let searchHttp: Latency;
    try {
      const admin = await logInAdmin(hub, 'bench.admin');
      http = await measure(SAMPLES, async () => {
        const response = await admin.get(`/admin-web/checkpoints/${pick(allCheckpoints)}/entries?day=${dayOf(Math.floor(random() * DAYS))}`);
        if (response.status !== 200) throw new Error(`first page over HTTP: ${response.status}`);
        await response.text();
      });
      // Person search as the office manager does it: POST the typed number (CSRF), follow the redirect, read the page.
      searchHttp = await measure(SAMPLES, async () => {
        const v = someVisitor();
        const typed = ` ${v.idNumber.slice(0, 3)} ${v.idNumber.slice(3, 6)}.${v.idNumber.slice(6)}`;
        const posted = await admin.post(`/admin-web/checkpoints/${v.checkpointId}/entries/person`, { filters: `day=${dayOf(v.day)}`, idNumber: typed });
        if (posted.status !== 303) throw new Error(`person search over HTTP: ${posted.status}`);
        const listed = await admin.get(posted.headers.get('location')!);
        if (listed.status !== 200) throw new Error(`person search page: ${listed.status}`);
        await listed.text();
      });
    } finally {
      await hub.close();
    }

    const row = (name: string, s: Latency) => [name, fmtMs(s.p50), fmtMs(s.p95), fmtMs(s.max)];
    return {
      title: 'admin pages over 1,000,000 entries in PostgreSQL',
      method:
        `${register.entries.toLocaleString('en-US')} entries (${register.sites.length} buildings × ${register.sites[0]!.checkpointIds.length} checkpoints, ` +
        `${(register.sites.length * PEOPLE_PER_BUILDING).toLocaleString('en-US')} people, in/out pairs over ${DAYS} days, ~2% denials) loaded into a fresh schema in ` +
        `${loadSeconds.toFixed(1)} s (multi-row INSERT, migrations' indexes in place, then ANALYZE). Then ${SAMPLES} samples each (after one warm-up) at random ` +
        'checkpoints and days, through the store functions the admin pages call; the first page also over HTTP with a logged-in session.',
      peer: { name: 'SELECT count(*) FROM entries', method: 'One pass over the whole register in the same database, 5 samples.' },
      goals: [
        { goal: `Danh sách first page p95 ≤ ${GOAL_LIST_MS} ms`, measured: `${fmtMs(list.p95)} (HTTP ${fmtMs(http.p95)})`, met: list.p95 <= GOAL_LIST_MS && http.p95 <= GOAL_LIST_MS },
        { goal: `hourly statistics of one day p95 ≤ ${GOAL_HOURLY_MS} ms`, measured: fmtMs(hourly.p95), met: hourly.p95 <= GOAL_HOURLY_MS },
        { goal: `person search by ID number, first page p95 ≤ ${GOAL_LIST_MS} ms`, measured: `${fmtMs(search.p95)} (HTTP ${fmtMs(searchHttp.p95)})`, met: search.p95 <= GOAL_LIST_MS && searchHttp.p95 <= GOAL_LIST_MS },
        { goal: `tracing one person over 14 days p95 ≤ ${GOAL_TRACE_MS} ms`, measured: fmtMs(trace.p95), met: trace.p95 <= GOAL_TRACE_MS },
      ],
      ratios: [
        { metric: 'first page p50', ours: fmtMs(list.p50), peer: fmtMs(peer.p50), ratio: list.p50 / peer.p50, better: 'lower' },
        { metric: 'hourly statistics p50', ours: fmtMs(hourly.p50), peer: fmtMs(peer.p50), ratio: hourly.p50 / peer.p50, better: 'lower' },
        { metric: 'person search p50', ours: fmtMs(search.p50), peer: fmtMs(peer.p50), ratio: search.p50 / peer.p50, better: 'lower' },
        { metric: 'tracing 14 days p50', ours: fmtMs(trace.p50), peer: fmtMs(peer.p50), ratio: trace.p50 / peer.p50, better: 'lower' },
      ],
      tables: [
        {
          title: 'Latency',
          columns: ['query', 'p50', 'p95', 'max'],
          rows: [
            row('Danh sách first page (store)', list),
            row('Danh sách first page (HTTP, HTML)', http),
            row('hourly statistics, one day', hourly),
            row('statistics page (hourly + 8 days + inside + denials)', statsPage),
            row('person search by ID number, first page (store, 2 HMAC forms)', search),
            row('person search by ID number (HTTP: POST, redirect, page)', searchHttp),
            row('contact tracing, one person, 14 days, ±15 min', trace),
            row('peer: SELECT count(*) FROM entries', peer),
          ],
        },
      ],
      notes: [
        `${phoneCheckins.toLocaleString('en-US')} of the entries are phone check-ins (kind phone-checkin, about one visit in ten starts with one).`,
        `Person search samples (people who were at that checkpoint that day) listed ${found} rows for ${SAMPLES + 1} searches.`,
        `Tracing samples found ${visits} visits in ${SAMPLES + 1} traced people (about ${(visits / (SAMPLES + 1)).toFixed(1)} each over 14 days).`,
      ],
    };
  } finally {
    await drop();
  }
}
