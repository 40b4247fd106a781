/**
 * App version pins in the hub config: validated when the config loads (field named on error), resolved most
 * specific first (terminal id or name, checkpoint, building, organisation, hub-wide), and part of the bundle's ETag
 * so that a changed pin reaches terminals whose data did not change.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { appVersionPinFor } from '../../../hub/config/app-version-pins.js';
import { HubConfigError, validateHubConfig } from '../../../hub/config/hub-config.js';
import { etagOf } from '../../../hub/service/bundle-service.js';

const config = (extra: Record<string, unknown> = {}) =>
  validateHubConfig('/etc/hub.yaml', {
    appVersion: '>=1.0.0',
    terminalAppVersions: { 'gate-lobby-02': '1.4.2', 'gate-lobby-03.a1b2c3d4': '1.4.3' },
    organisations: [{ id: 'org-a', name: 'Công ty A', appVersion: '^1.3.0' }, { id: 'org-b', name: 'Công ty B' }],
    buildings: [
      {
        id: 'b1',
        name: 'Tòa 1',
        organisation: 'org-a',
        checkpoints: [
          { id: 'cp-pinned', name: 'Cổng 1', appVersion: '~1.4.0' },
          { id: 'cp-free', name: 'Cổng 2' },
        ],
      },
      { id: 'b2', name: 'Tòa 2', organisation: 'org-b', appVersion: '1.2.x', checkpoints: [{ id: 'cp-b2', name: 'Cổng 3' }] },
      { id: 'b3', name: 'Tòa 3', organisation: 'org-b', checkpoints: [{ id: 'cp-b3', name: 'Cổng 4' }] },
    ],
    ...extra,
  });
const terminal = (name: string, checkpointId: string, buildingId: string, suffix = '0badc0de') => ({ terminalId: `${name}.${suffix}`, name, checkpointId, buildingId });

describe('app version pins', () => {
  it('resolves the most specific pin: terminal, checkpoint, building, organisation, hub', () => {
    const c = config();
    assert.equal(appVersionPinFor(c, terminal('gate-lobby-02', 'cp-pinned', 'b1')), '1.4.2', 'by terminal name');
    assert.equal(appVersionPinFor(c, terminal('gate-lobby-03', 'cp-pinned', 'b1', 'a1b2c3d4')), '1.4.3', 'by hub terminal id');
    assert.equal(appVersionPinFor(c, terminal('gate-x', 'cp-pinned', 'b1')), '~1.4.0', 'checkpoint');
    assert.equal(appVersionPinFor(c, terminal('gate-x', 'cp-free', 'b1')), '^1.3.0', 'organisation of the building');
    assert.equal(appVersionPinFor(c, terminal('gate-x', 'cp-b2', 'b2')), '1.2.x', 'building');
    assert.equal(appVersionPinFor(c, terminal('gate-x', 'cp-b3', 'b3')), '>=1.0.0', 'hub-wide');
    assert.equal(appVersionPinFor(config({ appVersion: undefined }), terminal('gate-x', 'cp-b3', 'b3')), undefined, 'none');
  });

  it('refuses a pin that is no version or range, naming the field', () => {
    assert.throws(() => config({ appVersion: 'latest' }), (e: unknown) => e instanceof HubConfigError && e.fieldPath === 'appVersion' && /semver range/.test(e.problem));
    assert.throws(() => config({ terminalAppVersions: { 'gate-1': '>=' } }), (e: unknown) => e instanceof HubConfigError && e.fieldPath === 'terminalAppVersions.gate-1');
  });

  it('the ETag changes with the pin and stays as before without one', () => {
    assert.equal(etagOf(7), '"v7"');
    assert.notEqual(etagOf(7, '^1.4.0'), etagOf(7));
    assert.notEqual(etagOf(7, '^1.4.0'), etagOf(7, '^1.5.0'));
    assert.equal(etagOf(7, '^1.4.0'), etagOf(7, '^1.4.0'));
  });
});
