/**
 * Step 3 of the composition root (./create-gate-app.ts): the decision source. Without a hub, the config's policy and
 * trust, the terminal's own subject key and its lists (main/gate/decision-source.ts); with one, the hub-backed source
 * over the same lists, whose bundle takes over policy, issuers and keys and whose staleness is judged per decision
 * (main/sync/hub-decision-source.ts). The hub sync is built here (no timer runs) and started later, once the gate is.
 */
import { join } from 'node:path';
import { HOUR_MS, type CheckpointPolicy } from '../../core/index.js';
import type { GateConfig } from '../config/load-config.js';
import { loadTrust } from '../config/load-trust.js';
import { createNodeCryptoPort } from '../crypto/node-crypto-port.js';
import { loadOrCreateHmacKey } from '../crypto/subject-hmac.js';
import { LocalDecisionSource, type DecisionContextSource, type LocalInputs } from '../gate/decision-source.js';
import type { HostClock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import { createHubSync, type HubSync } from '../sync/create-hub-sync.js';
import { SUBJECT_KEY_FILE, type GateStorage } from './gate-storage.js';

export function policyOf(config: GateConfig): CheckpointPolicy {
  const p = config.policy;
  const c = p.certificates;
  return {
    maxDeclarationAgeMs: p.maxDeclarationAgeHours * HOUR_MS,
    acceptedKinds: p.acceptedKinds,
    admittingDeclarationResults: p.admittingDeclarationResults,
    clockSkewMs: p.clockSkewMinutes * 60_000,
    onClockNotSynchronised: p.onClockNotSynchronised,
    certificates: {
      vaccination: { accepted: c.vaccination.accepted, minDaysAfterLastDose: c.vaccination.minDaysAfterLastDose, maxDaysAfterLastDose: c.vaccination.maxDaysAfterLastDose },
      test: { accepted: c.test.accepted, maxHoursAfterSample: c.test.maxHoursAfterSample, acceptedTypes: c.test.acceptedTypes },
      recovery: { accepted: c.recovery.accepted, minDaysAfterPositive: c.recovery.minDaysAfterPositive, maxDaysAfterPositive: c.recovery.maxDaysAfterPositive },
    },
    visitors: p.visitors,
    ...(p.department !== undefined ? { department: p.department } : {}),
    staffNeedDeclaration: p.staffNeedDeclaration,
    antiPassbackWindowMs: p.antiPassbackHours * HOUR_MS,
  };
}

export interface DecisionSetup {
  readonly source: DecisionContextSource;
  /** Present when the config has a hub: built, not started. */
  readonly hubSync?: HubSync;
  /** The test issuer is among the trusted ones (the screen says so). */
  readonly testIssuerTrusted: boolean;
}

export function createDecisionSource(config: GateConfig, storage: GateStorage, platform: { readonly clock: HostClock; readonly logger: Logger }): DecisionSetup {
  const trust = loadTrust(config);
  const local: LocalInputs = {
    policy: policyOf(config),
    trust: trust.store,
    crypto: createNodeCryptoPort(loadOrCreateHmacKey(join(config.storage.dataDir, SUBJECT_KEY_FILE))),
    declarations: storage.declarations,
    revocations: storage.declarations,
    passages: storage.passages,
  };
  if (!config.hub) return { source: new LocalDecisionSource(local), testIssuerTrusted: trust.testIssuerTrusted };
  const hubSync = createHubSync({ ...config, hub: config.hub }, { ...local, db: storage.db, ...platform });
  return { source: hubSync.source, hubSync, testIssuerTrusted: trust.testIssuerTrusted };
}
