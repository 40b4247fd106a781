/**
 * The banner while the screen has lost the terminal host (the host process stopped or restarted): Vietnamese first,
 * then English, each with what the guard does meanwhile. The bridge reconnects by itself (renderer/bridge); while it
 * is away every status on the screen reads "unknown" rather than the last value the host sent.
 */
import { errorText } from '../i18n/error-text.js';
import { Icon } from './icons.js';

export function DisconnectedBanner() {
  const vi = errorText('CONNECTION_LOST', 'vi');
  const en = errorText('CONNECTION_LOST', 'en');
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
