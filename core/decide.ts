/**
 * parse → verify → decide. The single entry point from a scan to a GateDecision.
 *
 * Contract: `decide` never throws and never reads the clock, the disk or the network. Malformed input is a reason,
 * not an exception; an unexpected bug becomes INTERNAL_ERROR with outcome `review`, so the guard looks at the person.
 * Credential modules say what a credential means; the rules here hold for every credential.
 */
import { safeDisplayName } from './display-name.js';
import type { DecisionContext } from './context.js';
import { classifyPayload, CREDENTIAL_KIND_OF, type PayloadKind } from './credentials/classify.js';
import { decideDeclarationToken, personOf, resultReason } from './credentials/declaration-decision.js';
import { decideEuDcc } from './credentials/eu-dcc/dcc-decision.js';
import { decideIdentityQr } from './credentials/identity-qr/identity-decision.js';
import { decideStaffBadge } from './credentials/staff-badge.js';
import { admitted, verdictOf, type Verdict } from './credentials/verdict.js';
import type { GateDecision } from './decision.js';
import { normaliseIdNumber, paperDeclarationResult, validatePaperForm, type PaperDeclarationForm } from './paper-declaration.js';
import { ReasonCode } from './reasons.js';
import { applyDepartmentRules } from './passage/chained-policy.js';
import type { ScanEvent } from './scan.js';
import { formatLocalTime } from './time/local-day.js';

export type { DecisionContext } from './context.js';

/** QR codes hold at most 7,089 digits; anything longer did not come from a single QR code. */
export const MAX_PAYLOAD_LENGTH = 8192;

// C0 controls except tab, DEL, the replacement character and lone surrogates mark a garbled read.
// eslint-disable-next-line no-control-regex
const GARBLED = /[\u0000-\u0008\u000a-\u001f\u007f\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// C1 controls are garbage too — except in identity QRs, where they are what UTF-8 Vietnamese read as Latin-1 looks
// like ("Đ" → "Ä" + U+0090); those parsers repair such mojibake (identity-qr/scanned-text.ts).
const C1_CONTROLS = /[\u0080-\u009f]/;

function decideCredential(payload: string, kind: PayloadKind, context: DecisionContext): Verdict {
  switch (kind) {
    case 'declaration-token':
      return decideDeclarationToken(payload, context);
    case 'staff-badge':
      return decideStaffBadge(payload, context);
    case 'eu-dcc':
      return decideEuDcc(payload, context);
    case 'cccd':
    case 'pc-covid':
      return decideIdentityQr(payload, kind, context);
    case 'smart-health-card':
      return verdictOf(ReasonCode.UnsupportedSmartHealthCard);
    case 'url':
      return verdictOf(ReasonCode.UnsupportedUrl);
    case 'barcode':
      return verdictOf(ReasonCode.UnsupportedBarcode);
    case 'text':
      return verdictOf(ReasonCode.UnsupportedText);
  }
}

function classifyAndDecide(scan: ScanEvent, context: DecisionContext): Verdict {
  if (typeof scan.payload !== 'string') return verdictOf(ReasonCode.PayloadUnreadable);
  if (scan.payload.length > MAX_PAYLOAD_LENGTH) return verdictOf(ReasonCode.PayloadTooLarge);
  const payload = scan.payload.trim();
  if (payload === '') return verdictOf(ReasonCode.PayloadEmpty);
  if (GARBLED.test(payload)) return verdictOf(ReasonCode.PayloadUnreadable);
  const kind = classifyPayload(payload);
  if (kind !== 'cccd' && kind !== 'pc-covid' && C1_CONTROLS.test(payload)) return verdictOf(ReasonCode.PayloadUnreadable);
  const credentialKind = CREDENTIAL_KIND_OF[kind];
  if (credentialKind !== 'unknown') {
    if (!context.policy.acceptedKinds.includes(credentialKind)) return verdictOf(ReasonCode.CredentialKindNotAccepted, credentialKind);
    if (context.policy.visitors === 'staff-only' && credentialKind !== 'staff-badge') return verdictOf(ReasonCode.StaffOnlyCheckpoint, credentialKind);
  }
  return decideCredential(payload, kind, context);
}

function applyRevocation(verdict: Verdict, context: DecisionContext): Verdict {
  if (!verdict.credentialId || verdict.outcome === 'deny' || !context.revocations.isRevoked(verdict.credentialId)) return verdict;
  return { ...verdict, outcome: 'deny', reasons: [ReasonCode.CredentialRevoked] };
}

/** Anti-passback: a second entry without an exit is reviewed; an exit without an entry is recorded with a note. */
function applyPassage(verdict: Verdict, context: DecisionContext): Verdict {
  const subjectKey = verdict.person.subjectKey;
  if (verdict.outcome !== 'admit' || !subjectKey || context.policy.antiPassbackWindowMs <= 0) return verdict;
  const found = context.passages.lastAdmitted(subjectKey);
  // A department checkpoint tracks presence in the department: entering the building first is the rule, not a repeat.
  const last = context.policy.chain && found?.atBuildingDoor ? undefined : found;
  const recent = last !== undefined && context.now - last.at <= context.policy.antiPassbackWindowMs;
  if (context.direction === 'in' && recent && last.direction === 'in') {
    return {
      ...verdict,
      outcome: 'review',
      reasons: [ReasonCode.AlreadyInside, ...verdict.reasons],
      params: { since: formatLocalTime(last.at, context.timeZone), checkpoint: last.checkpointName },
    };
  }
  if (context.direction === 'out' && !(recent && last.direction === 'in')) {
    return { ...verdict, reasons: [...verdict.reasons, ReasonCode.ExitWithoutEntry] };
  }
  return verdict;
}

function applyClock(verdict: Verdict, context: DecisionContext): Verdict {
  if (context.clockSynchronised) return verdict;
  const reasons = [...verdict.reasons, ReasonCode.ClockNotSynchronised];
  const outcome = verdict.outcome === 'admit' && context.policy.onClockNotSynchronised === 'review' ? 'review' : verdict.outcome;
  return { ...verdict, outcome, reasons };
}

export function decide(scan: ScanEvent, context: DecisionContext): GateDecision {
  return conclude(() => classifyAndDecide(scan, context), context);
}

/**
 * A paper declaration typed in by the guard (core/paper-declaration.ts): the answers decide under the checkpoint's
 * policy like a declaration token's result, then the rules for every credential apply (anti-passback, the clock).
 */
export function decidePaperDeclaration(form: PaperDeclarationForm, context: DecisionContext): GateDecision {
  return conclude(() => {
    const idNumber = normaliseIdNumber(form.idNumber);
    if (!idNumber || Object.keys(validatePaperForm(form)).length > 0) return verdictOf(ReasonCode.PayloadUnreadable, 'paper');
    const person = personOf(context, form.fullName.trim(), context.crypto.identityRef(idNumber));
    const refusal = resultReason(paperDeclarationResult(form.answers), context);
    return refusal ? verdictOf(refusal, 'paper', person) : admitted(ReasonCode.PaperDeclarationValid, 'paper', person);
  }, context);
}

function conclude(verdictOfCredential: () => Verdict, context: DecisionContext): GateDecision {
  let verdict: Verdict;
  try {
    verdict = applyClock(applyPassage(applyDepartmentRules(applyRevocation(verdictOfCredential(), context), context), context), context);
  } catch {
    verdict = verdictOf(ReasonCode.InternalError);
  }
  return {
    outcome: verdict.outcome,
    reasons: verdict.reasons,
    credential: verdict.credentialId ? { kind: verdict.kind, id: verdict.credentialId } : { kind: verdict.kind },
    // Every name the screen shows passes through here (a token's issuer may have typed anything): core/display-name.ts.
    person: { ...verdict.person, displayName: safeDisplayName(verdict.person.displayName) },
    direction: context.direction,
    decidedAt: context.now,
    ...(verdict.params ? { reasonParams: verdict.params } : {}),
  };
}
