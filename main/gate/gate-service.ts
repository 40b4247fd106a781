/**
 * The gate loop in the host: scan → core.decide → register.commit (fsync'd) → relay, lights, buzzer → screen.
 *
 * Contract: `handleScan` is synchronous end to end, so scans are strictly ordered and nothing can observe a decision
 * before its row is durable. The relay and the "admitted" event come only after `commit` returned. If the register
 * cannot be written, nobody is admitted: the relay goes to its safe position, an alarm naming the cause stays on
 * screen and every scan is refused with that code (STORAGE_FULL, STORAGE_READ_ONLY, …) until writes succeed again
 * (main/gate/storage-fail-safe.ts).
 */
import { decide, decidePaperDeclaration, overrideDecision, phoneCheckinView, relayActionAfter, undoDecision, UNDO_OVERRIDE_REASON, validatePaperForm } from '../../core/index.js';
import type { DecisionContext, Direction, EntryView, GateAlarm, GateEventMessage, GuardScanSource, HostList, OverrideRequest, Outcome } from '../../core/index.js';
import type { PaperDeclarationForm, PassageCounters, PhoneCheckinView, ScanSource } from '../../core/index.js';
import { Listeners } from '../../hardware/common/listeners.js';
import { LIGHT_PATTERNS } from '../../hardware/signal-lights/signal-patterns.js';
import type { EntryToCommit } from '../storage/entry-register.js';
import { GateUnavailableError } from './gate-unavailable-error.js';
import { StorageFailSafe } from './storage-fail-safe.js';
import { storageRefusalMessage } from '../storage/storage-failure.js';
import { overridableEntry, undoableOverride } from './override-checks.js';
import { PendingHostPicks } from './pending-host-picks.js';
import { DailyPresence } from './daily-presence.js';
import type { GateDependencies } from './gate-dependencies.js';

export { GateUnavailableError } from './gate-unavailable-error.js';
export { OVERRIDE_WINDOW_MS } from './override-checks.js';
export type { GateDependencies, GateSettings } from './gate-dependencies.js';

export class GateService {
  readonly events = new Listeners<GateEventMessage>();
  private direction: Direction;
  private readonly presence: DailyPresence;
  private currentAlarm: GateAlarm | null = null;
  private readonly unsubscribers: (() => void)[] = [];
  private deviceReadsPaused = false;
  private readonly storage: StorageFailSafe;
  private readonly hostPicks = new PendingHostPicks();
  private lastRaised: { readonly view: PhoneCheckinView; readonly at: number } | undefined;

  constructor(private readonly deps: GateDependencies) {
    this.storage = new StorageFailSafe({ ...deps, setAlarm: (alarm) => this.setAlarm(alarm), probeMs: deps.storageProbeMs ?? 3000 });
    this.direction = deps.settings.directionMode === 'out' ? 'out' : 'in';
    this.presence = new DailyPresence(deps.register, deps.settings.timeZone, deps.clock.wallNow());
    for (const scanner of deps.scanners) {
      this.unsubscribers.push(
        scanner.onRead((read) => this.handleDeviceRead(read.source, read.payload)),
        scanner.onStatus(() => this.emit({ name: 'scanners', data: this.scannerStatuses() })),
      );
    }
    this.unsubscribers.push(
      deps.lights.onChange((state) => this.emit({ name: 'lights', data: state })),
      deps.relay.onChange((state) => this.emit({ name: 'relay', data: state })),
    );
    if (deps.passageWatch) this.unsubscribers.push(deps.passageWatch.onPassageResult((entryId, result) => this.recordPassage(entryId, result)));
  }

  /** Decides, commits, actuates, announces. Throws GateUnavailableError when the register cannot be written. */
  handleScan(source: ScanSource, payload: string): EntryView {
    const { clock } = this.deps;
    const now = clock.wallNow();
    const monoTime = clock.monoNow();
    const decision = decide({ source, payload, wallTime: now, monoTime }, this.decisionContext(now));
    const view = this.commitAndActuate({ decision, scanSource: source, subjectHmac: decision.person.subjectKey ?? null, monoTime, bootId: clock.bootId });
    this.hostPicks.remember(view, (context) => decide({ source, payload, wallTime: context.now, monoTime: clock.monoNow() }, context));
    return view;
  }

  /** A paper declaration typed in by the guard: decided like a scan; the health answers end here. */
  submitPaperDeclaration(form: PaperDeclarationForm): EntryView {
    if (Object.keys(validatePaperForm(form)).length > 0) throw new GateUnavailableError('PAPER_FORM_INVALID', 'the paper declaration form is incomplete or malformed');
    const { clock } = this.deps;
    const decision = decidePaperDeclaration(form, this.decisionContext(clock.wallNow()));
    const view = this.commitAndActuate({ decision, scanSource: 'manual', subjectHmac: decision.person.subjectKey ?? null, monoTime: clock.monoNow(), bootId: clock.bootId });
    this.hostPicks.remember(view, (context) => decidePaperDeclaration(form, context));
    return view;
  }

  /** The department's host list for the picker, stale or not as of now: empty without a hub or outside a department checkpoint. */
  hostList(): HostList {
    return this.deps.source.contextAt(this.deps.clock.wallNow()).hosts;
  }

  /** The guard picked the host of a VISITOR_NEEDS_HOST review: the same scan, decided again with it (./pending-host-picks.ts). */
  admitWithHost(entryId: string, hostId: string): EntryView {
    const { clock, register } = this.deps;
    const now = clock.wallNow();
    const { hosts, context } = this.decisionContextWithHosts(now);
    return this.commitAndActuate(this.hostPicks.pickedEntry({ entryId, hostId, now, register, clock, hosts: hosts.hosts, context }));
  }

  /** The source's inputs in force at `now` (one read per decision), with this gate's direction, zone and clock flag. */
  private decisionContextWithHosts(now: number): { context: DecisionContext; hosts: HostList } {
    const { hosts, buildingEntries, ...inputs } = this.deps.source.contextAt(now);
    const context: DecisionContext = {
      ...inputs,
      ...(buildingEntries ? { buildingEntries } : {}),
      direction: this.direction,
      timeZone: this.deps.settings.timeZone,
      now,
      clockSynchronised: this.deps.clockSynchronised(),
    };
    return { context, hosts };
  }

  private decisionContext(now: number): DecisionContext {
    return this.decisionContextWithHosts(now).context;
  }

  /**
   * A guard override of a reviewed or denied entry (core/override.ts): its own entry, pointing at the original,
   * committed and actuated exactly like a scan. Only recent entries of this terminal, and each only once.
   */
  overrideEntry(entryId: string, request: OverrideRequest): EntryView {
    const { clock, register } = this.deps;
    const now = clock.wallNow();
    const original = overridableEntry(register, entryId, now);
    const check = overrideDecision(original.view.decision, request, now);
    if (!check.ok) throw new GateUnavailableError('OVERRIDE_NOT_ALLOWED', check.problem);
    return this.commitAndActuate({
      decision: check.decision,
      scanSource: original.scanSource,
      subjectHmac: original.subjectHmac,
      monoTime: clock.monoNow(),
      bootId: clock.bootId,
      override: { of: entryId, reason: request.reason, note: request.note.trim() },
    });
  }

  /**
   * Undoes a mis-tapped override within UNDO_WINDOW_MS: one more entry, pointing at the override, restoring the
   * original outcome. The undone override no longer counts for presence or anti-passback; the gate locks again.
   */
  undoOverride(overrideId: string): EntryView {
    const { clock, register } = this.deps;
    const now = clock.wallNow();
    const { override, original } = undoableOverride(register, overrideId, now);
    const decision = undoDecision(original.view.decision, override.view.decision, now);
    const view = this.commitAndActuate({
      decision,
      scanSource: override.scanSource,
      subjectHmac: override.subjectHmac,
      monoTime: clock.monoNow(),
      bootId: clock.bootId,
      override: { of: overrideId, reason: UNDO_OVERRIDE_REASON, note: '' },
    });
    this.presence.reload(now);
    this.emit({ name: 'counters', data: this.presence.counters(now) });
    return view;
  }

  /** Commit first; only a durable row may move the relay, the lights, or reach the screen. */
  private commitAndActuate(entry: EntryToCommit): EntryView {
    const { decision } = entry;
    let stored;
    try {
      stored = this.deps.register.commit(entry);
    } catch (error) {
      const code = this.storage.failed(error);
      throw new GateUnavailableError(code, storageRefusalMessage(code));
    }
    this.storage.succeeded();
    // Durable from here on: only now may anything outside this process learn the outcome.
    this.moveRelay(decision.outcome);
    if (decision.outcome === 'admit') this.deps.passageWatch?.expect(stored.id);
    this.deps.lights.show(LIGHT_PATTERNS[decision.outcome]);
    this.deps.buzzer.play(decision.outcome);
    this.setAlarm(null);
    const now = decision.decidedAt;
    this.presence.record({ subjectKey: entry.subjectHmac, direction: decision.direction, outcome: decision.outcome }, now);
    const view: EntryView = {
      entryId: stored.id,
      seq: stored.seq,
      decision,
      scanSource: entry.scanSource,
      committedAt: now,
      ...(entry.override ? { overrideOf: entry.override.of } : {}),
      ...(entry.hostId ? { hostId: entry.hostId } : {}),
    };
    this.emit({ name: 'entry', data: view });
    this.emit({ name: 'counters', data: this.presence.counters(now) });
    return view;
  }

  /**
   * A phone check-in relayed by the hub (main/sync/checkin-feed.ts), never a register entry. One that needs the guard
   * (core/passage/door-rules.ts) and is `recent` is shown like a scan's result — lights, buzzer, relay — and raised.
   */
  phoneCheckin(checkin: Parameters<typeof phoneCheckinView>[0], recent: boolean): PhoneCheckinView {
    const view = phoneCheckinView(checkin, { policy: this.deps.source.contextAt(this.deps.clock.wallNow()).policy });
    const alert = recent && view.outcome !== 'admit';
    if (alert) {
      this.lastRaised = { view, at: this.deps.clock.wallNow() };
      // While the register fails the relay stays in its safe position (a fail-safe door stays released).
      if (!this.storage.failing) this.moveRelay(view.outcome);
      this.deps.lights.show(LIGHT_PATTERNS[view.outcome]);
      this.deps.buzzer.play(view.outcome);
    }
    this.emit({ name: 'phoneCheckin', data: { ...view, alert } });
    return view;
  }

  /** The check-in last raised, if within `withinMs` (the result hold time), for a screen connecting after it. */
  raisedCheckin(withinMs: number): PhoneCheckinView | undefined {
    const raised = this.lastRaised;
    return raised && this.deps.clock.wallNow() - raised.at <= withinMs ? raised.view : undefined;
  }

  /** core/passage/door-rules.ts: an admit releases; anything else ends an earlier admit's release at once. */
  private moveRelay(outcome: Outcome): void {
    const action = relayActionAfter(outcome, this.deps.relay.state());
    if (action === 'release') this.deps.relay.pulse(this.deps.settings.pulseMs);
    else if (action === 'lock') this.deps.relay.lock();
  }

  submitFromScreen(source: GuardScanSource, payload: string): EntryView {
    return this.handleScan(source, payload);
  }

  setDirection(direction: Direction): Direction {
    if (this.deps.settings.directionMode !== 'both' && direction !== this.deps.settings.directionMode) {
      throw new GateUnavailableError('DIRECTION_FIXED', `this checkpoint only serves direction "${this.deps.settings.directionMode}"`);
    }
    this.direction = direction;
    this.emit({ name: 'direction', data: { direction } });
    return direction;
  }

  currentDirection(): Direction {
    return this.direction;
  }

  counters(): PassageCounters {
    return this.presence.counters(this.deps.clock.wallNow());
  }

  alarm(): GateAlarm | null {
    return this.currentAlarm;
  }

  /**
   * What the passage sensor said about an admit: stored on the entry; a "granted, not passed" admit leaves the
   * counters (the person did not go through) and the screen is told.
   */
  recordPassage(entryId: string, passage: 'passed' | 'not-passed'): void {
    const now = this.deps.clock.wallNow();
    try {
      if (!this.deps.register.markPassage(entryId, passage, now)) return;
    } catch (error) {
      this.deps.logger.error('passage-write-failed', { entryId, error });
      return;
    }
    if (passage === 'not-passed') {
      this.presence.reload(now);
      this.emit({ name: 'counters', data: this.presence.counters(now) });
    }
    this.emit({ name: 'passage', data: { entryId, passage } });
  }

  /** While the self-test waits for a test scan, device reads go to it instead of becoming entries. */
  pauseDeviceReads(paused: boolean): void {
    this.deviceReadsPaused = paused;
  }

  scannerStatuses() {
    return this.deps.scanners.map((s) => s.status());
  }

  close(): void {
    this.storage.close();
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
  }

  private handleDeviceRead(source: ScanSource, payload: string): void {
    if (this.deviceReadsPaused) return;
    try {
      this.handleScan(source, payload);
    } catch (error) {
      this.deps.logger.error('scan-failed', { source, error });
    }
  }

  private setAlarm(alarm: GateAlarm | null): void {
    if (this.currentAlarm?.code === alarm?.code) return;
    this.currentAlarm = alarm;
    this.emit({ name: 'alarm', data: alarm });
  }

  private emit(event: GateEventMessage): void {
    try {
      this.events.emit(event);
    } catch (error) {
      this.deps.logger.error('event-listener-failed', { event: event.name, error });
    }
  }
}
