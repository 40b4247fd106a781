/**
 * The header of the guard screen, one line at every panel size: the checkpoint name (one line, cut with "…" — the
 * full name is its title and in the settings), the direction, and the guard's buttons. Below 1100 px the camera and
 * settings buttons show their icon only (their accessible name stays); the language button is always whole.
 */
import type { Direction, GateSnapshot, Language } from '../../core/index.js';
import { UI_TEXT } from '../i18n/ui-text.js';
import { HARDWARE_TEXT } from '../i18n/hardware-text.js';
import { GUARD_ACTION_TEXT } from '../i18n/guard-action-text.js';
import { DECLARE_HERE_TEXT } from '../i18n/declare-here-text.js';
import { DirectionToggle } from './controls.js';
import { Icon } from './icons.js';

export interface TopBarProps {
  readonly snapshot?: GateSnapshot;
  readonly language: Language;
  readonly cameraOn: boolean;
  readonly onDirection: (direction: Direction) => void;
  readonly onCamera: () => void;
  readonly onPaper: () => void;
  readonly onDeclareHere: () => void;
  readonly onSettings: () => void;
  readonly onLanguage: () => void;
}

export function TopBar(props: TopBarProps) {
  const { snapshot, language } = props;
  const t = UI_TEXT[language];
  const name = snapshot?.terminal.checkpointName ?? '…';
  return (
    <header class="topbar" data-testid="topbar">
      <div class="topbar__name">
        <span class="topbar__label">{t.checkpoint}</span>
        <h1 data-testid="checkpoint-name" title={name}>
          {name}
        </h1>
      </div>
      {snapshot && <DirectionToggle snapshot={snapshot} language={language} onChange={props.onDirection} />}
      <button type="button" class="topbar__button" data-testid="camera-toggle" aria-pressed={props.cameraOn} aria-label="Camera" onClick={props.onCamera}>
        <Icon name="camera" />
        <span class="topbar__text">Camera</span>
      </button>
      <button type="button" class="topbar__button" data-testid="paper-open" onClick={props.onPaper}>
        <Icon name="paper" />
        <span>{GUARD_ACTION_TEXT[language].paperOpen}</span>
      </button>
      {snapshot?.sync?.declareHere && (
        <button type="button" class="topbar__button" data-testid="declare-here-open" aria-label={DECLARE_HERE_TEXT[language].open} onClick={props.onDeclareHere}>
          <Icon name="phone" />
          <span class="topbar__text">{DECLARE_HERE_TEXT[language].open}</span>
        </button>
      )}
      <button type="button" class="topbar__button" data-testid="settings-open" aria-label={HARDWARE_TEXT[language].settings} onClick={props.onSettings}>
        <Icon name="gear" />
        <span class="topbar__text">{HARDWARE_TEXT[language].settings}</span>
      </button>
      <button type="button" class="topbar__button topbar__language" data-testid="language-toggle" lang={language === 'vi' ? 'en' : 'vi'} onClick={props.onLanguage}>
        {t.language}
      </button>
    </header>
  );
}
