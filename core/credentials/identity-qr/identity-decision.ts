/**
 * CCCD chip-card QR and PC-Covid / VNeID personal QR: unsigned identity codes, so the decision rests on the synced
 * declaration set (docs/identity-qr.md). The ID number goes to CryptoPort.identityRef and nowhere else: the decision
 * carries the printed name and the keyed subject key only — the same key a declaration token whose subject claim is
 * that reference yields, so anti-passback sees one person whichever credential they show.
 */
import type { DecisionContext, KnownDeclaration } from '../../context.js';
import type { PersonSummary } from '../../decision.js';
import { ReasonCode } from '../../reasons.js';
import { isFreshDeclaration, personOf, resultReason } from '../declaration-decision.js';
import { admitted, verdictOf, type Verdict } from '../verdict.js';
import { parseCccdQr } from './cccd-qr.js';
import { parsePcCovidQr } from './pc-covid-qr.js';

type IdentityKind = 'cccd' | 'pc-covid';

/** What the lookup needs from either QR: the printed name and the ID numbers to try, best first. */
type IdentityRead =
  | { readonly ok: true; readonly name: string; readonly idNumbers: readonly string[] }
  | { readonly ok: false; readonly reason: ReasonCode; readonly name?: string };

function readIdentity(payload: string, kind: IdentityKind): IdentityRead {
  if (kind === 'cccd') {
    const parsed = parseCccdQr(payload);
    if (!parsed.ok) return { ok: false, reason: ReasonCode.IdentityQrMalformed };
    // A declaration made with the old CMND number (common in 2021) still belongs to the card holder.
    const { idNumber, oldIdNumber, name } = parsed.value;
    return { ok: true, name, idNumbers: oldIdNumber ? [idNumber, oldIdNumber] : [idNumber] };
  }
  const parsed = parsePcCovidQr(payload);
  if (parsed.ok) return { ok: true, name: parsed.value.name, idNumbers: [parsed.value.documentNumber] };
  if ('numberHidden' in parsed) return { ok: false, reason: ReasonCode.IdentityQrNumberHidden, name: parsed.name };
  return { ok: false, reason: ReasonCode.IdentityQrMalformed };
}

/** The first declaration on file among the references, in order (CCCD number, then the old CMND). */
function lookupFirst(context: DecisionContext, subjectRefs: readonly string[]): KnownDeclaration | undefined {
  for (const ref of subjectRefs) {
    const known = context.declarations.lookup(ref);
    if (known) return known;
  }
  return undefined;
}

export function decideIdentityQr(payload: string, kind: IdentityKind, context: DecisionContext): Verdict {
  const read = readIdentity(payload, kind);
  if (!read.ok) {
    const shown: PersonSummary = { displayName: read.name ?? '' };
    return verdictOf(read.reason, kind, shown);
  }
  const refs = read.idNumbers.map((id) => context.crypto.identityRef(id));
  const person = personOf(context, read.name, refs[0]!);
  if (context.declarations.stale === true) return verdictOf(ReasonCode.DeclarationSetStale, kind, person);
  const known = lookupFirst(context, refs);
  if (!known) return verdictOf(ReasonCode.DeclarationNotFound, kind, person);
  if (!isFreshDeclaration(known, context)) return verdictOf(ReasonCode.DeclarationOnFileExpired, kind, person);
  const refusal = resultReason(known.result, context);
  if (refusal) return verdictOf(refusal, kind, person);
  return admitted(ReasonCode.DeclarationOnFile, kind, person);
}
