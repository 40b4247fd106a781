/**
 * The guard screen's state as a reducer over the host's snapshot and pushed events. Pure, so the rules (the latest
 * result always wins, recent list de-duplicated and bounded) are unit-tested without a browser.
 */
import type { EntryView, GateError, GateEventMessage, GateSnapshot, Language } from '../../core/index.js';

export const RECENT_LIMIT = 30;
export const PHONE_CHECKINS_LIMIT = 20;

export type LatestResult = { readonly kind: 'entry'; readonly entry: EntryView } | { readonly kind: 'error'; readonly error: GateError };

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
  readonly language: Language;
}

export type ScreenAction =
  | { readonly type: 'connection'; readonly connected: boolean }
  | { readonly type: 'snapshot'; readonly snapshot: GateSnapshot }
  | { readonly type: 'event'; readonly event: GateEventMessage }
  | { readonly type: 'result'; readonly entry: EntryView }
  | { readonly type: 'error'; readonly error: GateError }
  | { readonly type: 'result-expired'; readonly serial: number }
  | { readonly type: 'language'; readonly language: Language };

export const initialScreenState: ScreenState = { resultSerial: 0, showingResult: false, language: 'vi' };

function withEntry(state: ScreenState, entry: EntryView): ScreenState {
  const snapshot = state.snapshot;
  const alreadyLatest = state.latest?.kind === 'entry' && state.latest.entry.entryId === entry.entryId;
  const newer = !(state.latest?.kind === 'entry') || alreadyLatest || entry.seq >= state.latest.entry.seq;
  const recent = snapshot
    ? [entry, ...snapshot.recent.filter((e) => e.entryId !== entry.entryId)].sort((a, b) => b.seq - a.seq).slice(0, RECENT_LIMIT)
    : [];
  return {
    ...state,
    snapshot: snapshot ? { ...snapshot, recent } : snapshot,
    ...(newer && !alreadyLatest ? { latest: { kind: 'entry', entry }, resultSerial: state.resultSerial + 1, showingResult: true } : {}),
  };
}

export function screenReducer(state: ScreenState, action: ScreenAction): ScreenState {
  switch (action.type) {
    case 'connection':
      return { ...state, connected: action.connected };
    case 'snapshot': {
      const first = state.snapshot === undefined;
      return { ...state, snapshot: action.snapshot, ...(first ? { language: action.snapshot.terminal.display.language } : {}) };
    }
    case 'result':
      return withEntry(state, action.entry);
    case 'error':
      return { ...state, latest: { kind: 'error', error: action.error }, resultSerial: state.resultSerial + 1, showingResult: true };
    case 'result-expired':
      return action.serial === state.resultSerial ? { ...state, showingResult: false } : state;
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
        case 'phoneCheckin': {
          const others = (snapshot.phoneCheckins ?? []).filter((c) => c.checkinId !== event.data.checkinId);
          return { ...state, snapshot: { ...snapshot, phoneCheckins: [event.data, ...others].slice(0, PHONE_CHECKINS_LIMIT) } };
        }
      }
    }
  }
}
