/**
 * The terminal's hub key trust rule (main/sync/hub-trust.ts) against the hub's own signing (hub/crypto/hub-key-set.ts),
 * as properties over random rotation histories: a terminal that synced after every step accepts every bundle; a
 * bundle signed only by a key the terminal never learned is refused as BUNDLE_SIGNER_UNKNOWN whatever the history; a
 * retired key is refused once the rotation completed, the pinned one included; a failing signature by a trusted key
 * is refused even when another one verifies; and a terminal that skipped syncs accepts exactly when a key that signs
 * is one it trusts.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, test } from 'vitest';
import { rawPublicKey } from '../../../hub/crypto/hub-crypto.js';
import { bundleHubKeysOf, hubKeyIdOf as hubSideKeyId, signBundleText, type HubKeySet, type HubSigningKey } from '../../../hub/crypto/hub-key-set.js';
import { hubKeyIdOf, learnedHubKeys, pinnedHubKey, trustedHubKeys, verifiedSigners, type TrustedHubKey } from '../../../main/sync/hub-trust.js';
import { SyncError } from '../../../main/sync/sync-failure.js';

function newKey(): HubSigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicKeyRaw = rawPublicKey(publicKey);
  return { keyId: hubSideKeyId(publicKeyRaw), privateKey, publicKeyRaw };
}

type Step = 'announce' | 'activate' | 'retire';

/** The hub's key set after a step; a step that does not apply (activate without next, …) leaves it as it is. */
function step(set: HubKeySet, s: Step): HubKeySet {
  if (s === 'announce' && !set.next) return { ...set, next: newKey() };
  if (s === 'activate' && set.next && !set.previous) return { current: set.next, previous: set.current };
  if (s === 'retire' && set.previous) return { current: set.current, ...(set.next ? { next: set.next } : {}) };
  return set;
}

/** One terminal: pinned at enrolment, then a sync = verify + learn, exactly as bundle-verifier.ts does it. */
class Terminal {
  learned: TrustedHubKey[] | undefined;
  constructor(readonly pinned: TrustedHubKey) {}
  trusted() {
    return trustedHubKeys(this.pinned, this.learned);
  }
  sync(set: HubKeySet, text = `bundle ${Math.random()}`): void {
    const signers = verifiedSigners(text, signBundleText(set, text), this.trusted());
    this.learned = learnedHubKeys(bundleHubKeysOf(set), signers) ?? this.learned;
  }
}

const refusedAs = (code: string) => (error: unknown) => error instanceof SyncError && error.code === code;
const steps = fc.array(fc.constantFrom<Step>('announce', 'activate', 'retire'), { maxLength: 12 });

describe('hub key trust rule', () => {
  test('both sides name a key alike', () => {
    const key = newKey();
    assert.equal(hubKeyIdOf(key.publicKeyRaw), key.keyId);
    assert.match(key.keyId, /^[0-9a-f]{16}$/);
  });

  test('a terminal that synced after every step accepts every bundle, and ends trusting exactly the hub set', () => {
    fc.assert(
      fc.property(steps, (history) => {
        let set: HubKeySet = { current: newKey() };
        const terminal = new Terminal(pinnedHubKey(set.current.publicKeyRaw));
        terminal.sync(set);
        for (const s of history) {
          set = step(set, s);
          terminal.sync(set);
        }
        assert.deepEqual(terminal.trusted().map((k) => k.keyId).sort(), bundleHubKeysOf(set).map((k) => k.keyId).sort());
      }),
      { numRuns: 60 },
    );
  });

  test('a bundle signed only by a key the terminal never learned is refused, whatever the history', () => {
    fc.assert(
      fc.property(steps, (history) => {
        let set: HubKeySet = { current: newKey() };
        const terminal = new Terminal(pinnedHubKey(set.current.publicKeyRaw));
        for (const s of history) {
          set = step(set, s);
          terminal.sync(set);
        }
        const before = terminal.trusted();
        const stranger: HubKeySet = { current: newKey() };
        assert.throws(() => terminal.sync(stranger), refusedAs('BUNDLE_SIGNER_UNKNOWN'));
        assert.deepEqual(terminal.trusted(), before, 'a refused bundle teaches the terminal nothing');
      }),
      { numRuns: 40 },
    );
  });

  test('overlap accepted, retired key refused once the rotation completed (the pinned key included)', () => {
    const a: HubKeySet = { current: newKey() };
    const terminal = new Terminal(pinnedHubKey(a.current.publicKeyRaw));
    const announced = step(a, 'announce');
    terminal.sync(announced);
    const activated = step(announced, 'activate');
    terminal.sync(activated); // signed by B and A
    terminal.sync({ current: activated.current }); // B alone: trusted since the announcement
    const retired = step(activated, 'retire');
    terminal.sync(retired);
    assert.deepEqual(terminal.trusted().map((k) => k.keyId), [retired.current.keyId]);
    assert.throws(() => terminal.sync(a), refusedAs('BUNDLE_SIGNER_UNKNOWN'), 'A alone, after retire');
  });

  test('a terminal that skipped syncs accepts exactly when a key that signs is one it trusts', () => {
    fc.assert(
      fc.property(steps, fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), (history, syncs) => {
        let set: HubKeySet = { current: newKey() };
        const terminal = new Terminal(pinnedHubKey(set.current.publicKeyRaw));
        history.forEach((s, i) => {
          set = step(set, s);
          const signing = [set.current, ...(set.previous ? [set.previous] : [])].map((k) => k.keyId);
          const expected = terminal.trusted().some((k) => signing.includes(k.keyId));
          if (!syncs[i]) return;
          if (expected) terminal.sync(set);
          else assert.throws(() => terminal.sync(set), refusedAs('BUNDLE_SIGNER_UNKNOWN'));
        });
      }),
      { numRuns: 60 },
    );
  });

  test('a failing signature by a trusted key is refused although the other one verifies', () => {
    const set = step(step({ current: newKey() }, 'announce'), 'activate');
    const trusted = bundleHubKeysOf(set).map((k) => ({ keyId: k.keyId, publicKey: k.publicKey }));
    const signed = signBundleText(set, 'text');
    const damaged = { ...signed, signatures: [signed.signatures[0]!, { ...signed.signatures[1]!, signature: signed.signatures[0]!.signature }] };
    assert.throws(() => verifiedSigners('text', damaged, trusted), refusedAs('BUNDLE_SIGNATURE_INVALID'));
    assert.throws(() => verifiedSigners('other text', signed, trusted), refusedAs('BUNDLE_SIGNATURE_INVALID'));
    assert.deepEqual(verifiedSigners('text', signed, trusted), signed.signatures.map((s) => s.keyId));
  });

  test('a bundle without signatures[] (a hub before key sets) verifies its single signature under a trusted key', () => {
    const set: HubKeySet = { current: newKey() };
    const { signature } = signBundleText(set, 'text');
    assert.deepEqual(verifiedSigners('text', { signature }, [pinnedHubKey(set.current.publicKeyRaw)]), [set.current.keyId]);
    assert.throws(() => verifiedSigners('text', { signature }, [pinnedHubKey(newKey().publicKeyRaw)]), refusedAs('BUNDLE_SIGNATURE_INVALID'));
  });

  test('the legacy signature is by the oldest signing key, so software from before key sets verifies through the overlap', () => {
    const announced = step({ current: newKey() }, 'announce');
    const activated = step(announced, 'activate');
    const { signature } = signBundleText(activated, 'text');
    assert.deepEqual(verifiedSigners('text', { signature }, [pinnedHubKey(announced.current.publicKeyRaw)]), [announced.current.keyId]);
  });

  test('a hub key set that misnames a key, or leaves out every key that signed, is refused as malformed', () => {
    const set = step({ current: newKey() }, 'announce');
    const keys = bundleHubKeysOf(set);
    assert.throws(() => learnedHubKeys([{ ...keys[0]!, keyId: keys[1]!.keyId }], [keys[0]!.keyId]), refusedAs('BUNDLE_MALFORMED'));
    assert.throws(() => learnedHubKeys([keys[1]!], [keys[0]!.keyId]), refusedAs('BUNDLE_MALFORMED'));
    assert.equal(learnedHubKeys(undefined, [keys[0]!.keyId]), undefined, 'an older hub names no set: the terminal keeps its own');
  });
});
