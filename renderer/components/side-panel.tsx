/** Counters, recent entries and hardware status: what the guard glances at between scans. */
import { outcomeHeadline, refusalLine, resultText, type EntryView, type GateSnapshot, type Language, type SyncStatusView } from '../../core/index.js';
import { useEffect, useState } from 'preact/hooks';
import { UI_TEXT } from '../i18n/ui-text.js';
import { HARDWARE_TEXT } from '../i18n/hardware-text.js';
import { formatTime } from './format.js';
import { Icon } from './icons.js';

/** `known` is false while the host is away: the last figures may be wrong by then, so none are shown. */
export function Counters({ snapshot, language, known }: { snapshot: GateSnapshot; language: Language; known: boolean }) {
  const t = UI_TEXT[language];
  const c = known ? snapshot.counters : { enteredToday: '—', leftToday: '—', insideNow: '—' };
  return (
    <dl class="counters" data-testid="counters">
      <div>
        <dt>{t.enteredToday}</dt>
        <dd data-testid="count-in">{c.enteredToday}</dd>
      </div>
      <div>
        <dt>{t.leftToday}</dt>
        <dd data-testid="count-out">{c.leftToday}</dd>
      </div>
      <div>
        <dt>{t.insideNow}</dt>
        <dd data-testid="count-inside">{c.insideNow}</dd>
      </div>
    </dl>
  );
}

function RecentRow({ entry, language, timeZone }: { entry: EntryView; language: Language; timeZone: string }) {
  const t = UI_TEXT[language];
  const d = entry.decision;
  const primary = resultText(d).reasons[0];
  return (
    <li class={`recent__row recent__row--${d.outcome}`} data-testid="recent-row" data-seq={entry.seq} data-outcome={d.outcome}>
      <span class="recent__time">{formatTime(entry.committedAt, timeZone)}</span>
      <span class="recent__dir" title={d.direction === 'in' ? t.directionIn : t.directionOut}>
        <Icon name={d.direction === 'in' ? 'arrow-in' : 'arrow-out'} />
      </span>
      <span class="recent__outcome">{outcomeHeadline(d.outcome, d.direction, language)}</span>
      <span class="recent__name">{d.person.displayName || t.credential[d.credential.kind]}</span>
      <span class="recent__reason">
        {entry.passage && (
          <span class={`recent__passage recent__passage--${entry.passage}`} data-testid="recent-passage" data-passage={entry.passage}>
            {HARDWARE_TEXT[language].passage[entry.passage]} ·{' '}
          </span>
        )}
        {primary ? primary[language].message : ''}
      </span>
    </li>
  );
}

export function RecentEntries({ snapshot, language }: { snapshot: GateSnapshot; language: Language }) {
  const t = UI_TEXT[language];
  return (
    <section class="recent" aria-label={t.recent} data-testid="recent-box" tabIndex={0}>
      <h2>{t.recent}</h2>
      {snapshot.recent.length === 0 ? (
        <p class="recent__empty">{t.noEntries}</p>
      ) : (
        <ol class="recent__list" data-testid="recent">
          {snapshot.recent.map((e) => (
            <RecentRow key={e.entryId} entry={e} language={language} timeZone={snapshot.terminal.timeZone} />
          ))}
        </ol>
      )}
    </section>
  );
}

/** Lights, relay and scanners; with `known` false (host away) each reads "unknown", not its last value. */
export function HardwareStatus({ snapshot, language, known }: { snapshot: GateSnapshot; language: Language; known: boolean }) {
  const t = UI_TEXT[language];
  const { lights, relay } = snapshot;
  const color = known ? lights.color : 'unknown';
  return (
    <section class="hardware" aria-label={t.lights}>
      <div class="lamps" data-testid="lights" data-color={color} data-blinking={String(known && lights.blinking)} role="img" aria-label={`${t.lights}: ${known ? t.lightColor[lights.color] : t.unknown}`}>
        {(['red', 'amber', 'green'] as const).map((c) => (
          <span key={c} class={`lamp lamp--${c}${color === c ? ' lamp--on' : ''}${color === c && lights.blinking ? ' lamp--blink' : ''}`} />
        ))}
      </div>
      <p data-testid="relay" data-position={known ? relay.position : 'unknown'}>
        {t.gate}: <strong>{!known ? t.unknown : relay.position === 'locked' ? t.relayLocked : t.relayReleased}</strong>
      </p>
      <p>
        {t.scanners}:{' '}
        {snapshot.scanners.map((s) => (
          <span key={s.id} class={`scanner scanner--${known ? s.health : 'unknown'}`} data-testid="scanner-status" data-health={known ? s.health : 'unknown'} title={s.detail}>
            {s.id} ({known ? t.scannerHealth[s.health] : t.unknown}){' '}
            {known && s.health !== 'connected' && (
              <small class="scanner__detail" data-testid="scanner-detail">
                {/* What to do in the screen's language; the driver's own words (for IT) after it. */}
                {t.scannerAdvice[s.health]}
                {s.detail && ` (${s.detail})`}
              </small>
            )}
          </span>
        ))}
      </p>
    </section>
  );
}

/** Re-renders every 30 s so relative ages ("data from 3 h ago") stay true between events. */
function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** Hub sync at a glance: offline badge, queued entries, last success, error, and the age of the hub data. */
export function SyncStatus({ sync, language, timeZone, known }: { sync: SyncStatusView; language: Language; timeZone: string; known: boolean }) {
  const t = UI_TEXT[language].sync;
  const now = useNow();
  const offline = known && (sync.state === 'offline' || sync.state === 'refused');
  const state = known ? sync.state : 'unknown';
  return (
    <section class={`sync sync--${state}`} aria-label={t.title} data-testid="sync-status" data-state={state} data-queued={sync.queued}>
      <h2>
        {t.title}: <span class="sync__state">{known ? t.state[sync.state] : UI_TEXT[language].unknown}</span>
        {offline && (
          <span class="sync__badge" data-testid="sync-offline">
            {t.offlineBadge}
          </span>
        )}
      </h2>
      <p>
        {t.queued}: <strong data-testid="sync-queued">{sync.queued}</strong> · {t.lastSuccess}:{' '}
        {sync.lastSuccessAt === null ? t.never : formatTime(sync.lastSuccessAt, timeZone)}
      </p>
      {sync.state !== 'not-enrolled' && (
        <p class={sync.dataStale ? 'sync__stale' : undefined} data-testid="sync-data-age" data-stale={String(sync.dataStale)}>
          {sync.dataConfirmedAt === null ? t.noData : t.dataAge(now - sync.dataConfirmedAt)}
        </p>
      )}
      {sync.appVersion && (
        <p class={sync.appVersion.updateRequired ? 'sync__stale' : undefined} data-testid="app-version" data-update-required={String(sync.appVersion.updateRequired)}>
          {t.version}: {sync.appVersion.running}
          {sync.appVersion.required !== null && ` (${t.versionRequired} ${sync.appVersion.required})`}
        </p>
      )}
      {known && sync.lastError && (
        <p class="sync__error" data-testid="sync-error" data-code={sync.lastError.code}>
          {refusalLine(sync.lastError.code, language)}
        </p>
      )}
    </section>
  );
}
