/**
 * Rules of a department checkpoint inside a shared building, applied to an otherwise admitting entry:
 * opening hours, a recent entry at a building door (chain), and a host for visitors.
 *
 * Offline tolerance: when the terminal's building passages are stale (or it has none), a missing building entry
 * proves nothing, so the entry goes to review — never a silent admit, never a deny on old data.
 */
import type { DecisionContext } from '../context.js';
import type { Verdict } from '../credentials/verdict.js';
import { ReasonCode } from '../reasons.js';
import { formatLocalTime } from '../time/local-day.js';

function minutesOf(hhmm: string): number | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** True when the local time at `now` is within [opens, closes); closes ≤ opens spans midnight. */
export function isWithinOpeningHours(opens: string, closes: string, now: number, timeZone: string): boolean {
  const open = minutesOf(opens);
  const close = minutesOf(closes);
  // A malformed setting cannot prove the checkpoint open: treat it as closed (a deny the guard can override).
  if (open === undefined || close === undefined) return false;
  const current = minutesOf(formatLocalTime(now, timeZone)) ?? 0;
  if (open === close) return true;
  return open < close ? current >= open && current < close : current >= open || current < close;
}

function refuse(verdict: Verdict, reason: ReasonCode, outcome: 'deny' | 'review', params: Record<string, string>): Verdict {
  return { ...verdict, outcome, reasons: [reason, ...verdict.reasons], params: { ...verdict.params, ...params } };
}

function applyOpeningHours(verdict: Verdict, context: DecisionContext): Verdict {
  const hours = context.policy.openingHours;
  if (!hours || isWithinOpeningHours(hours.opens, hours.closes, context.now, context.timeZone)) return verdict;
  return refuse(verdict, ReasonCode.OutsideOpeningHours, 'deny', { opens: hours.opens, closes: hours.closes });
}

function applyBuildingChain(verdict: Verdict, context: DecisionContext): Verdict {
  const chain = context.policy.chain;
  if (!chain) return verdict;
  const minutes = String(Math.round(chain.buildingDoorWithinMs / 60_000));
  const view = context.buildingEntries;
  const subjectKey = verdict.person.subjectKey;
  const entry = subjectKey && view ? view.lastBuildingEntry(subjectKey) : undefined;
  const age = entry ? context.now - entry.at : Infinity;
  // An entry slightly in the future (clock differences between doors) still counts; the skew bounds it.
  if (entry && age <= chain.buildingDoorWithinMs && age >= -context.policy.clockSkewMs) return verdict;
  if (subjectKey && (!view || view.stale)) return refuse(verdict, ReasonCode.BuildingDataStale, 'review', { minutes });
  return refuse(verdict, ReasonCode.NoBuildingEntry, 'deny', { minutes });
}

function applyVisitorHost(verdict: Verdict, context: DecisionContext): Verdict {
  const chain = context.policy.chain;
  if (!chain?.visitorsNeedHost || verdict.kind === 'staff-badge') return verdict;
  const host = context.visitorHost;
  const department = context.policy.department;
  if (host && (department === undefined || host.department === department)) return verdict;
  return refuse(verdict, ReasonCode.VisitorNeedsHost, 'review', {});
}

/** Entries only, and only when everything else admits: a deny or review for another reason stays as it is. */
export function applyDepartmentRules(verdict: Verdict, context: DecisionContext): Verdict {
  if (verdict.outcome !== 'admit' || context.direction !== 'in') return verdict;
  for (const rule of [applyOpeningHours, applyBuildingChain, applyVisitorHost]) {
    const next = rule(verdict, context);
    if (next.outcome !== 'admit') return next;
  }
  return verdict;
}
