/**
 * `getTerminalDetails` for the settings screen: the terminal's configuration (checkpoint, direction, department),
 * version and ids, and its link to the hub (URL, enrolment from the identity file, sync state). Behind the settings
 * PIN because it reveals configuration (hub URL, ids) that a passer-by at the kiosk has no business reading. The
 * identity file is read on each call: enrolment may happen while the terminal runs.
 */
import type { TerminalDetails } from '../../core/index.js';
import type { GateApp } from '../composition/create-gate-app.js';
import { selfTestSessionOf } from '../selftest/self-test-session.js';
import { loadIdentity } from '../sync/hub-identity.js';

export function terminalDetails(app: GateApp, pin: string): TerminalDetails {
  selfTestSessionOf(app).checkPin(pin);
  const { config } = app;
  const identity = config.hub ? loadIdentity(config.storage.dataDir) : undefined;
  return {
    terminal: app.terminalInfo(),
    department: config.policy.department ?? null,
    hub: config.hub
      ? {
          url: config.hub.url,
          enrolment: identity
            ? { hubTerminalId: identity.terminalId, buildingId: identity.buildingId, buildingName: identity.buildingName, enrolledAt: identity.enrolledAt }
            : null,
          sync: app.sync ? app.sync.status() : null,
        }
      : null,
  };
}
