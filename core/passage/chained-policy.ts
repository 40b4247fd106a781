/**
 * Rules of a department checkpoint inside a shared building, applied to an otherwise admitting entry:
 * opening hours (per weekday or every day; ./opening-hours.ts), a recent entry at a building door (chain), and a host for visitors.
 *
 * Offline tolerance: when the terminal's building passages are stale (or it has none), a missing building entry
 * proves nothing, so the entry goes to review — never a silent admit, never a deny on old data.
 */
import type { DecisionContext } from '../context.js';
import type { Verdict } from '../credentials/verdict.js';
import { ReasonCode } from '../reasons.js';
import { hoursOn, isOpenAt, localWeekMinute } from './opening-hours.js';

function refuse(verdict: Verdict, reason: ReasonCode, outcome: 'deny' | 'review', params: Record<string, string>): Verdict {
  return { ...verdict, outcome, reasons: [reason, ...verdict.reasons], params: { ...verdict.params, ...params } };
}

function applyOpeningHours(verdict: Verdict, context: DecisionContext): Verdict {
  const hours = context.policy.openingHours;
  if (!hours || isOpenAt(hours, context.now, context.timeZone)) return verdict;
  const today = hoursOn(hours, localWeekMinute(context.now, context.timeZone).weekday);
  if (!today) return refuse(verdict, ReasonCode.ClosedToday, 'deny', {});
  return refuse(verdict, ReasonCode.OutsideOpeningHours, 'deny', { opens: today.opens, closes: today.closes });
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
