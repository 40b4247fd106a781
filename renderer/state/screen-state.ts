/**
 * The guard screen's state as a reducer over the host's snapshot and pushed events. Pure, so the rules (the latest
 * result always wins, recent list de-duplicated and bounded, a burst of results never hides one) are unit-tested
 * without a browser.
 */
import type { EntryView, GateError, GateEventMessage, GateSnapshot, Language, PhoneCheckinView } from '../../core/index.js';

export const RECENT_LIMIT = 30;
/** Earlier results kept visible in the strip under the big one; older ones are in the recent list anyway. */
export const EARLIER_LIMIT = 4;
export const PHONE_CHECKINS_LIMIT = 20;

/** What the big panel shows: a scan's entry, an error, or a phone check-in that needs the guard (raised like a scan). */
export type LatestResult =
  | { readonly kind: 'entry'; readonly entry: EntryView }
  | { readonly kind: 'error'; readonly error: GateError }
  | { readonly kind: 'checkin'; readonly checkin: PhoneCheckinView };

/** A result that was still on screen when a newer one replaced it: shown compact until acknowledged or timed out. */
export interface EarlierResult {
  /** Unique in the strip: `entry:<entryId>`, `checkin:<checkinId>` or `error:<resultSerial it had>`; the handle to dismiss it. */
  readonly key: string;
  readonly result: LatestResult;
}

export interface ScreenState {
  /**
   * Undefined while the first connection attempt is in flight: the "lost connection" alert is for a connection that
   * failed or dropped, not for the few milliseconds every page load takes to open it.
   */
  readonly connected?: boolean;
  readonly snapshot?: GateSnapshot;
  readonly latest?: LatestResult;
  /** Increments on every new result, so the hold timer restarts even for identical results. */
  readonly resultSerial: number;
  readonly showingResult: boolean;
  /** Newest first; each leaves on 'earlier-dismissed' (acknowledged by the guard, or its own hold time ran out). */
  readonly earlier: readonly EarlierResult[];
  readonly language: Language;
}

export type ScreenAction =
  | { readonly type: 'connection'; readonly connected: boolean }
  | { readonly type: 'snapshot'; readonly snapshot: GateSnapshot }
  | { readonly type: 'event'; readonly event: GateEventMessage }
  | { readonly type: 'result'; readonly entry: EntryView }
  | { readonly type: 'error'; readonly error: GateError }
  | { readonly type: 'result-expired'; readonly serial: number }
  | { readonly type: 'earlier-dismissed'; readonly key: string }
  | { readonly type: 'language'; readonly language: Language };

export const initialScreenState: ScreenState = { resultSerial: 0, showingResult: false, earlier: [], language: 'vi' };

const keyOf = (result: LatestResult, serial: number) =>
  result.kind === 'entry' ? `entry:${result.entry.entryId}` : result.kind === 'checkin' ? `checkin:${result.checkin.checkinId}` : `error:${serial}`;

/**
 * The new latest result: the one it replaces, if the guard could still see it, moves to the strip — unless the guard
 * has seen it for sure: the new one is the guard's action on it, or it is itself the result of a guard's action
 * (an override or the undo of one: `overrideOf`).
 */
function showNew(state: ScreenState, result: LatestResult): ScreenState {
  const serial = state.resultSerial + 1;
  const actedOn = result.kind === 'entry' && result.entry.overrideOf ? `entry:${result.entry.overrideOf}` : undefined;
  const displacedKey = state.latest ? keyOf(state.latest, state.resultSerial) : '';
  const guardMade = state.latest?.kind === 'entry' && state.latest.entry.overrideOf !== undefined;
  const displaced = state.showingResult && state.latest && !guardMade && displacedKey !== actedOn ? [{ key: displacedKey, result: state.latest }] : [];
  const newKey = keyOf(result, serial);
  const earlier = [...displaced, ...state.earlier].filter((e) => e.key !== newKey && e.key !== actedOn).slice(0, EARLIER_LIMIT);
  return { ...state, latest: result, resultSerial: serial, showingResult: true, earlier };
}

function withEntry(state: ScreenState, entry: EntryView): ScreenState {
  const snapshot = state.snapshot;
  const alreadyLatest = state.latest?.kind === 'entry' && state.latest.entry.entryId === entry.entryId;
  const newer = !(state.latest?.kind === 'entry') || alreadyLatest || entry.seq >= state.latest.entry.seq;
  const recent = snapshot
    ? [entry, ...snapshot.recent.filter((e) => e.entryId !== entry.entryId)].sort((a, b) => b.seq - a.seq).slice(0, RECENT_LIMIT)
    : [];
  const listed = { ...state, snapshot: snapshot ? { ...snapshot, recent } : snapshot };
  if (alreadyLatest) return listed;
  if (newer) return showNew(listed, { kind: 'entry', entry });
  // An older result arriving late while results are on screen goes into the strip (never hidden, never the big one).
  const late = { key: `entry:${entry.entryId}`, result: { kind: 'entry' as const, entry } };
  if (!state.showingResult || state.earlier.some((e) => e.key === late.key)) return listed;
  return { ...listed, earlier: [...state.earlier, late].slice(0, EARLIER_LIMIT) };
}

export function screenReducer(state: ScreenState, action: ScreenAction): ScreenState {
  switch (action.type) {
    case 'connection':
      return { ...state, connected: action.connected };
    case 'snapshot': {
      const first = state.snapshot === undefined;
      const next = { ...state, snapshot: action.snapshot, ...(first ? { language: action.snapshot.terminal.display.language } : {}) };
      // A check-in raised while this screen was not connected (a restart, a reload) is still raised, once.
      const raised = action.snapshot.raisedCheckin;
      const key = raised && `checkin:${raised.checkinId}`;
      const seen = key && (state.latest && keyOf(state.latest, state.resultSerial) === key || state.earlier.some((e) => e.key === key));
      return raised && !seen ? showNew(next, { kind: 'checkin', checkin: raised }) : next;
    }
    case 'result':
      return withEntry(state, action.entry);
    case 'error':
      return showNew(state, { kind: 'error', error: action.error });
    case 'result-expired':
      return action.serial === state.resultSerial ? { ...state, showingResult: false } : state;
    case 'earlier-dismissed':
      return { ...state, earlier: state.earlier.filter((e) => e.key !== action.key) };
    case 'language':
      return { ...state, language: action.language };
    case 'event': {
      const { event } = action;
      if (event.name === 'entry') return withEntry(state, event.data);
      const snapshot = state.snapshot;
      if (!snapshot) return state;
      switch (event.name) {
        case 'counters':
          return { ...state, snapshot: { ...snapshot, counters: event.data } };
        case 'lights':
          return { ...state, snapshot: { ...snapshot, lights: event.data } };
        case 'relay':
          return { ...state, snapshot: { ...snapshot, relay: event.data } };
        case 'direction':
          return { ...state, snapshot: { ...snapshot, direction: event.data.direction } };
        case 'scanners':
          return { ...state, snapshot: { ...snapshot, scanners: event.data } };
        case 'alarm':
          return { ...state, snapshot: { ...snapshot, alarm: event.data } };
        case 'sync':
          return { ...state, snapshot: { ...snapshot, sync: event.data } };
        case 'passage': {
          const { entryId, passage } = event.data;
          const recent = snapshot.recent.map((e) => (e.entryId === entryId ? { ...e, passage } : e));
          const latest = state.latest?.kind === 'entry' && state.latest.entry.entryId === entryId ? { kind: 'entry' as const, entry: { ...state.latest.entry, passage } } : state.latest;
          return { ...state, snapshot: { ...snapshot, recent }, ...(latest ? { latest } : {}) };
        }
        case 'selfTest':
          return state; // the settings screen listens to these itself
        case 'setup':
          return { ...state, snapshot: { ...snapshot, setup: event.data } };
        case 'phoneCheckin': {
          const { alert, ...checkin } = event.data;
          const others = (snapshot.phoneCheckins ?? []).filter((c) => c.checkinId !== checkin.checkinId);
          const listed = { ...state, snapshot: { ...snapshot, phoneCheckins: [checkin, ...others].slice(0, PHONE_CHECKINS_LIMIT) } };
          // One that needs the guard is raised like a scan's result; the others are only listed.
          return alert && others.length === (snapshot.phoneCheckins ?? []).length ? showNew(listed, { kind: 'checkin', checkin }) : listed;
        }
      }
    }
  }
}
