/**
 * Two rules of the door that are not scans, pure so that each is a table test; the gate service applies them.
 *
 * 1. The relay after a result (docs/hardware.md, "A deny closes the gate"):
 *    - admit → release for the pulse time (a new admit restarts the window);
 *    - anything else — deny, review, a phone check-in that needs the guard — while an earlier admit's window is
 *      still open → lock at once: the next person at the scanner must not walk through on the previous admit;
 *    - otherwise → nothing (a locked gate stays locked, with no extra click of the relay).
 *    There is deliberately no "hold open while the admitted person is still passing": locking never interrupts a
 *    passage already under way (a strike released while its door is open latches only when the door closes; a
 *    turnstile completes a rotation once started), and holding open is exactly the window the refused person uses.
 *    An admitted person who had not yet started through is cut off: with a passage sensor their admit ends "granted,
 *    not passed" (so scanning again is not an anti-passback review); without one the guard overrides.
 *
 * 2. A phone check-in at the poster (hub/declare) as the guard screen shows it: a declaration result this checkpoint
 *    admits is listed only; any other raises a result like a scan's — amber "see the guard", red for isolation.
 */
import type { PhoneCheckinView, RelayState } from '../contract/gate-contract.js';
import type { DecisionContext } from '../context.js';
import type { DeclarationResult } from '../credentials/declaration-token.js';
import { resultReason } from '../credentials/declaration-decision.js';
import type { Outcome } from '../decision.js';
import { safeDisplayName } from '../display-name.js';
import { reasonOutcome, ReasonCode } from '../reasons.js';

export type RelayAction = 'release' | 'lock' | 'none';

export function relayActionAfter(outcome: Outcome, relay: Pick<RelayState, 'position'>): RelayAction {
  if (outcome === 'admit') return 'release';
  return relay.position === 'released' ? 'lock' : 'none';
}

export interface PhoneCheckinVerdict {
  readonly outcome: Outcome;
  /** First the check-in's own reason (what the person does next: see the guard), then the declaration's. */
  readonly reasons: readonly ReasonCode[];
}

export function phoneCheckinVerdict(result: DeclarationResult, context: Pick<DecisionContext, 'policy'>): PhoneCheckinVerdict {
  const refusal = resultReason(result, context);
  if (!refusal) return { outcome: 'admit', reasons: [ReasonCode.DeclarationValid] };
  const outcome = reasonOutcome(refusal) === 'deny' ? 'deny' : 'review';
  return { outcome, reasons: [ReasonCode.PhoneCheckinSeeGuard, refusal] };
}

/** A relayed check-in as the guard screen lists it: the policy's verdict, the name made safe for display. */
export function phoneCheckinView(checkin: Pick<PhoneCheckinView, 'checkinId' | 'displayName' | 'result' | 'checkedInAt'>, context: Pick<DecisionContext, 'policy'>): PhoneCheckinView {
  const { checkinId, result, checkedInAt } = checkin;
  return { checkinId, displayName: safeDisplayName(checkin.displayName), result, checkedInAt, ...phoneCheckinVerdict(result, context) };
}
