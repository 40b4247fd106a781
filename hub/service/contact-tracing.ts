/**
 * Contact tracing: a person's visits (admitted passages paired in → out per checkpoint) in a period, and for each
 * visit everyone whose own visit at that checkpoint overlaps it widened by ±N minutes. Where an exit is known the
 * inside interval is [in, out]; where it is not (one-way doors, a missed exit scan) the visit is the single passage,
 * so the ±N window around the entry decides. Only the checkpoints given (the asker's scope) are searched: a
 * health authority's are every checkpoint of its area, so one query follows a person across venues.
 */
import type { EntryAnalytics, Passage } from '../storage/entry-analytics.js';

/** Longest stay paired into one visit; an "in" with no "out" within it is a visit of unknown exit. */
export const MAX_STAY_MS = 12 * 3_600_000;
/** Upper bounds per query, so one tracing request stays bounded at any table size. */
const MAX_PERSON_PASSAGES = 2_000;
const MAX_PASSAGES_PER_VISIT = 20_000;

export interface Visit {
  readonly checkpointId: string;
  readonly displayName: string;
  readonly subjectHmac: string | null;
  readonly enteredAt: number | null;
  readonly leftAt: number | null;
  /** Inside interval, [start, end] (start = end when only one passage is known). */
  readonly start: number;
  readonly end: number;
}

export interface TracedVisit {
  readonly visit: Visit;
  readonly contacts: readonly Visit[];
}

export interface TraceRequest {
  readonly subjectHmacs: readonly string[];
  readonly checkpointIds: readonly string[];
  readonly from: number;
  readonly to: number;
  readonly windowMs: number;
}

/** Pairs each person's passages (oldest first) into visits; people without a subject HMAC are one visit per passage. */
export function visitsFromPassages(passages: readonly Passage[]): Visit[] {
  const byPerson = new Map<string, Passage[]>();
  for (const p of passages) {
    const key = p.subjectHmac ? `${p.checkpointId} ${p.subjectHmac}` : `receipt ${p.receiptId}`;
    const list = byPerson.get(key) ?? [];
    list.push(p);
    byPerson.set(key, list);
  }
  const visits: Visit[] = [];
  const visit = (p: Passage, enteredAt: number | null, leftAt: number | null): Visit => ({
    checkpointId: p.checkpointId,
    displayName: p.displayName,
    subjectHmac: p.subjectHmac,
    enteredAt,
    leftAt,
    start: enteredAt ?? leftAt!,
    end: leftAt ?? enteredAt!,
  });
  for (const list of byPerson.values()) {
    let open: Passage | undefined;
    for (const p of list) {
      if (p.direction === 'in') {
        if (open) visits.push(visit(open, open.eventTime, null));
        open = p;
      } else if (open && p.eventTime - open.eventTime <= MAX_STAY_MS) {
        visits.push(visit(open, open.eventTime, p.eventTime));
        open = undefined;
      } else {
        if (open) visits.push(visit(open, open.eventTime, null));
        open = undefined;
        visits.push(visit(p, null, p.eventTime));
      }
    }
    if (open) visits.push(visit(open, open.eventTime, null));
  }
  return visits.sort((a, b) => a.start - b.start || a.checkpointId.localeCompare(b.checkpointId));
}

/** Person search: the person's visits across the given checkpoints (an area's, for a health authority), no contacts. */
export async function findVisits(analytics: EntryAnalytics, request: Omit<TraceRequest, 'windowMs'>): Promise<TracedVisit[]> {
  const passages = await analytics.passagesOf(request.subjectHmacs, request.checkpointIds, request.from, request.to, MAX_PERSON_PASSAGES);
  return visitsFromPassages(passages).map((visit) => ({ visit, contacts: [] }));
}

/** Visits whose contacts are looked up at once: an area-wide query has one per venue, each its own indexed read. */
const VISIT_CONCURRENCY = 4;

export async function traceContacts(analytics: EntryAnalytics, request: TraceRequest): Promise<TracedVisit[]> {
  const own = new Set(request.subjectHmacs);
  const passages = await analytics.passagesOf(request.subjectHmacs, request.checkpointIds, request.from, request.to, MAX_PERSON_PASSAGES);
  const visits = visitsFromPassages(passages);
  const contactsOf = async (visit: Visit): Promise<TracedVisit> => {
    const from = visit.start - request.windowMs;
    const to = visit.end + request.windowMs;
    const around = await analytics.passagesAt(visit.checkpointId, from - MAX_STAY_MS, to + MAX_STAY_MS + 1, MAX_PASSAGES_PER_VISIT);
    const contacts = visitsFromPassages(around.filter((p) => !p.subjectHmac || !own.has(p.subjectHmac))).filter((v) => v.start <= to && v.end >= from);
    return { visit, contacts };
  };
  const traced: TracedVisit[] = new Array<TracedVisit>(visits.length);
  let next = 0;
  const worker = async () => {
    while (next < visits.length) {
      const i = next++;
      traced[i] = await contactsOf(visits[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(VISIT_CONCURRENCY, visits.length) }, worker));
  return traced;
}
