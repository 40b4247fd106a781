/**
 * The banners above the header: the host lost, an alarm of the gate (register write failure…), stale hub data, a
 * required update, the TEST key. Each says what happened and what to do, in the screen's language; the host-lost one
 * in Vietnamese and English at once, because it is the one the guard must not miss.
 */
import { appUpdateText, refusalText, type GateSnapshot, type Language } from '../../core/index.js';
import { UI_TEXT } from '../i18n/ui-text.js';
import { Icon } from './icons.js';

/**
 * While the screen has lost the terminal host (the host process stopped or restarted): Vietnamese first, then
 * English, each with what the guard does meanwhile. The bridge reconnects by itself (renderer/bridge); meanwhile every
 * status on the screen reads "unknown" rather than the last value the host sent.
 */
export function DisconnectedBanner() {
  const vi = refusalText('CONNECTION_LOST', 'vi');
  const en = refusalText('CONNECTION_LOST', 'en');
  return (
    <div class="banner banner--error banner--disconnected" role="alert" data-testid="disconnected">
      <Icon name="warning" />
      <div>
        <p lang="vi">
          <strong>{vi.message}</strong> {vi.next}
        </p>
        <p lang="en" class="banner__en">
          {en.message} {en.next}
        </p>
      </div>
    </div>
  );
}

export function Banners({ snapshot, language, disconnected }: { snapshot?: GateSnapshot; language: Language; disconnected: boolean }) {
  const t = UI_TEXT[language];
  return (
    <>
      {disconnected && <DisconnectedBanner />}
      {snapshot?.alarm && (
        <div class="banner banner--error" role="alert" data-testid="alarm">
          <Icon name="warning" /> {language === 'vi' ? snapshot.alarm.vi : snapshot.alarm.en}
        </div>
      )}
      {snapshot?.sync?.dataStale && (
        <div class="banner banner--warning" role="status" data-testid="stale-data-banner">
          <Icon name="warning" /> {t.sync.staleBanner}
        </div>
      )}
      {snapshot?.sync?.appVersion?.updateRequired && (
        <div class="banner banner--warning" role="status" data-testid="update-required-banner">
          <Icon name="warning" /> {appUpdateText(snapshot.sync.appVersion)[language]}
        </div>
      )}
      {snapshot?.terminal.testIssuerTrusted && (
        <div class="banner banner--warning banner--line" data-testid="test-key-banner">
          <Icon name="warning" /> {t.testKeyBanner}
        </div>
      )}
    </>
  );
}
