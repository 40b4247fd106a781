/**
 * Who is traced, as the hub can see them: an ID number becomes the entry subject HMACs of each building of the asker's
 * scope — the reference under the deployment's identity key re-keyed with the building's key, and the form terminals
 * stored before issue 15 (hub/crypto/hub-crypto.ts entrySubjectHmacsOf) — and the asker's organisation decides whose
 * audit page lists it. The caller has checked the number (core checkIdNumber); it is not kept.
 */
import type { AdminSession } from '../admin-web/admin-sessions.js';
import type { VisibleCheckpoint } from '../admin-web/admin-scope.js';
import { entrySubjectHmacsOf } from '../crypto/hub-crypto.js';
import type { HubStore } from '../storage/hub-store.js';

export interface TracedSubject {
  /** `buildingId:hmac` pairs, space-separated, as the audit log stores them. */
  readonly pairs: string;
  readonly hmacs: readonly string[];
}

export async function subjectInScope(store: HubStore, checkpoints: readonly VisibleCheckpoint[], idNumber: string): Promise<TracedSubject> {
  // One query for every building's key (an area has a thousand); the identity reference is the same in all of them,
  // the older building-keyed one differs per building (hub/crypto/hub-crypto.ts entrySubjectHmacsOf).
  const identityKey = await store.secrets.identityKey();
  const keys = await store.analytics.subjectKeys([...new Set(checkpoints.map((c) => c.buildingId))]);
  const pairs = [...keys]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([buildingId, key]) => entrySubjectHmacsOf(identityKey, key, idNumber).map((hmac) => `${buildingId}:${hmac}`));
  return subjectFromPairs(pairs.join(' '));
}

export function subjectFromPairs(pairs: string): TracedSubject {
  return { pairs, hmacs: [...new Set(pairs.split(' ').filter(Boolean).map((p) => p.slice(p.lastIndexOf(':') + 1)))] };
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
