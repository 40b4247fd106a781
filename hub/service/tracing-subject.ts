/**
 * Who is traced, as the hub can see them: an ID number becomes one entry subject HMAC per building of the asker's
 * scope (each building has its own subject key), and the asker's organisation decides whose audit page lists it.
 */
import type { AdminSession } from '../admin-web/admin-sessions.js';
import type { VisibleCheckpoint } from '../admin-web/admin-scope.js';
import { entrySubjectHmacOf } from '../crypto/hub-crypto.js';
import type { HubStore } from '../storage/hub-store.js';

export interface TracedSubject {
  /** `buildingId:hmac` pairs, space-separated, as the audit log stores them. */
  readonly pairs: string;
  readonly hmacs: readonly string[];
}

export async function subjectInScope(store: HubStore, checkpoints: readonly VisibleCheckpoint[], idNumber: string): Promise<TracedSubject> {
  const keys = await store.analytics.subjectKeys([...new Set(checkpoints.map((c) => c.buildingId))]);
  const pairs = [...keys].sort(([a], [b]) => a.localeCompare(b)).map(([buildingId, key]) => `${buildingId}:${entrySubjectHmacOf(key, idNumber)}`);
  return subjectFromPairs(pairs.join(' '));
}

export function subjectFromPairs(pairs: string): TracedSubject {
  return { pairs, hmacs: pairs.split(' ').filter(Boolean).map((p) => p.slice(p.lastIndexOf(':') + 1)) };
}

export async function organisationOf(store: HubStore, session: AdminSession): Promise<string | null> {
  switch (session.role) {
    case 'organisation-admin':
      return session.scopeId;
    case 'building-manager':
      return (await store.registry.buildingTree(session.scopeId))?.organisationId ?? null;
    case 'department-manager':
      return (await store.registry.buildingOfCheckpoint(session.scopeId))?.organisationId ?? null;
    case 'health-authority':
      return null;
  }
}
