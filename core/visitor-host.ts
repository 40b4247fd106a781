/**
 * The guard's host picker at a department checkpoint: a visitor reviewed with VISITOR_NEEDS_HOST is decided again,
 * through `decide` with the picked host in the context, so every other rule still applies. The picked host comes
 * from the department's synced list (the hub's bundle); its opaque id is recorded on the new entry, never a name
 * typed by hand.
 */
import type { VisitorHost } from './context.js';
import type { GateDecision } from './decision.js';
import { ReasonCode } from './reasons.js';

/** One entry of the department's host list as the terminal holds it (same shape as the bundle's BundleHost). */
export interface HostListing {
  readonly hostId: string;
  readonly department: string;
  readonly displayName: string;
}

/** The host list as the guard screen gets it: `stale` when the bundle it came from is older than allowed. */
export interface HostList {
  readonly hosts: readonly HostListing[];
  readonly stale: boolean;
}

/** The register's override_reason of an entry decided again with a picked host (it points at the reviewed one). */
export const HOST_PICKED_REASON = 'HOST_PICKED';

/** True for a decision the host picker can resolve: a review whose first reason is VISITOR_NEEDS_HOST. */
export function needsHostPick(decision: GateDecision): boolean {
  return decision.outcome === 'review' && decision.reasons[0] === ReasonCode.VisitorNeedsHost;
}

/** The context's visitor host for a picked id, or undefined when the id is not on the list. */
export function visitorHostFor(list: readonly HostListing[], hostId: string): VisitorHost | undefined {
  const host = list.find((h) => h.hostId === hostId);
  return host ? { hostId: host.hostId, name: host.displayName, department: host.department } : undefined;
}

/** Lower case without diacritics (đ → d as well), so "tran thi binh" finds "Trần Thị Bình". */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().trim();
}

/** Folded names, sorted by name once per list (the list object of a bundle does not change while it is in force). */
const searchIndexes = new WeakMap<readonly HostListing[], readonly { host: HostListing; haystack: string }[]>();

function searchIndex(list: readonly HostListing[]) {
  let index = searchIndexes.get(list);
  if (!index) {
    const collator = new Intl.Collator('vi');
    index = [...list].sort((a, b) => collator.compare(a.displayName, b.displayName)).map((host) => ({ host, haystack: `${foldForSearch(host.displayName)} ${foldForSearch(host.hostId)}` }));
    searchIndexes.set(list, index);
  }
  return index;
}

/** Hosts whose name (or id) contains every word of the query, diacritic-insensitive; sorted by name. */
export function filterHosts(list: readonly HostListing[], query: string): HostListing[] {
  const words = foldForSearch(query).split(/\s+/).filter(Boolean);
  return searchIndex(list)
    .filter(({ haystack }) => words.every((w) => haystack.includes(w)))
    .map(({ host }) => host);
}
