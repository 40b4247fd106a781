/**
 * The guard's host picker at a department checkpoint: under a visitor's VISITOR_NEEDS_HOST review, a button opens a
 * searchable list (diacritic-insensitive, keyboard reachable, large touch targets) of the department's synced hosts.
 * Picking one asks the host to decide the same scan again with that host (`admitWithHost`); the outcome arrives as a
 * new result. An empty or stale list says so; the normal override buttons stay available either way.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { filterHosts, needsHostPick, type EntryView, type GateBridge, type HostList, type Language } from '../../core/index.js';
import { HOST_PICKER_TEXT } from '../i18n/host-picker-text.js';
import { Icon } from './icons.js';

/** Resolves to undefined when done, or to the error text the dialog shows. */
/** At most this many rows in the DOM (a department may list thousands); typing narrows the rest. */
const MAX_SHOWN = 100;

export type HostPick = (entry: EntryView, hostId: string) => Promise<string | undefined>;

/** The "Choose host" button, only under an unhandled VISITOR_NEEDS_HOST review. */
export function HostPickButton(props: { entry: EntryView; language: Language; onOpen: () => void }) {
  if (props.entry.overrideOf || !needsHostPick(props.entry.decision)) return null;
  return (
    <div class="override-buttons">
      <button type="button" class="button button--admit host-pick__open" data-testid="host-pick-open" onClick={props.onOpen}>
        {HOST_PICKER_TEXT[props.language].open}
      </button>
    </div>
  );
}

export function HostPickerDialog(props: { entry: EntryView; bridge: GateBridge; language: Language; onPick: HostPick; onClose: () => void }) {
  const t = HOST_PICKER_TEXT[props.language];
  const [list, setList] = useState<HostList | undefined>();
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    props.bridge.call('listHosts', {}).then(setList, () => setList({ hosts: [], stale: true }));
  }, [props.bridge]);
  // Focus into the dialog (the search field, or Cancel when there is nothing to search), so keys stay in it.
  useEffect(() => (searchRef.current ?? cancelRef.current)?.focus(), [list]);
  const { onClose } = props;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [onClose]);
  const shown = list ? filterHosts(list.hosts, query) : [];
  const pick = (hostId: string) => {
    if (busy) return;
    setBusy(true);
    void props.onPick(props.entry, hostId).then((problem) => {
      setBusy(false);
      setError(problem);
    });
  };
  const onSearchKey = (event: KeyboardEvent) => {
    // Enter picks the only match: type-to-filter then Enter, without leaving the keyboard.
    if (event.key === 'Enter' && shown.length === 1) pick(shown[0]!.hostId);
  };
  return (
    <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="host-pick-title" data-testid="host-picker">
      <div class="dialog__panel">
        <h2 id="host-pick-title">{t.title(props.entry.decision.person.displayName)}</h2>
        {!list && <p class="dialog__hint">{t.loading}</p>}
        {list?.stale && (
          <p class="host-pick__warning" role="status" data-testid="host-pick-stale">
            <Icon name="warning" /> {t.stale}
          </p>
        )}
        {list && list.hosts.length === 0 && (
          <p class="host-pick__warning" role="status" data-testid="host-pick-empty">
            <Icon name="warning" /> {t.empty}
          </p>
        )}
        {list && list.hosts.length > 0 && (
          <>
            <label for="host-pick-search">{t.search}</label>
            <input
              id="host-pick-search"
              ref={searchRef}
              type="search"
              data-testid="host-pick-search"
              autocomplete="off"
              placeholder={t.searchHint}
              aria-describedby="host-pick-count"
              value={query}
              onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
              onKeyDown={onSearchKey}
            />
            <p id="host-pick-count" class="dialog__hint" aria-live="polite" data-testid="host-pick-count">
              {shown.length === 0 ? t.noMatch : t.count(shown.length, list.hosts.length)}
            </p>
            <ul class="host-pick__list" aria-label={t.open}>
              {shown.slice(0, MAX_SHOWN).map((host) => (
                <li key={host.hostId}>
                  <button type="button" class="host-pick__host" data-testid="host-pick-host" data-host-id={host.hostId} disabled={busy} onClick={() => pick(host.hostId)}>
                    {host.displayName}
                  </button>
                </li>
              ))}
            </ul>
            {shown.length > MAX_SHOWN && (
              <p class="dialog__hint" data-testid="host-pick-more">
                {t.more(shown.length - MAX_SHOWN)}
              </p>
            )}
          </>
        )}
        {error && (
          <p class="dialog__error" role="alert" data-testid="host-pick-error">
            {error}
          </p>
        )}
        <div class="dialog__buttons">
          <button type="button" ref={cancelRef} class="button button--secondary" data-testid="host-pick-cancel" onClick={props.onClose}>
            {t.cancel}
          </button>
        </div>
      </div>
    </div>
  );
}
