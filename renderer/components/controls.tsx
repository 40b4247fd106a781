/** Guard controls: direction (vào / ra) where the checkpoint serves both, and the simulated-scan box. */
import { useState } from 'preact/hooks';
import type { Direction, GateSnapshot, Language } from '../../core/index.js';
import { UI_TEXT } from '../i18n/ui-text.js';
import { Icon } from './icons.js';

export function DirectionToggle(props: { snapshot: GateSnapshot; language: Language; onChange: (d: Direction) => void }) {
  const t = UI_TEXT[props.language];
  const mode = props.snapshot.terminal.directionMode;
  const current = props.snapshot.direction;
  return (
    <div class="direction" role="group" aria-label={t.direction} data-testid="direction" data-direction={current}>
      {(['in', 'out'] as const).map((d) => (
        <button
          key={d}
          type="button"
          class={`direction__button${current === d ? ' direction__button--active' : ''}`}
          aria-pressed={current === d}
          disabled={mode !== 'both' && mode !== d}
          onClick={() => props.onChange(d)}
          data-testid={`direction-${d}`}
        >
          <Icon name={d === 'in' ? 'arrow-in' : 'arrow-out'} /> {d === 'in' ? t.directionIn : t.directionOut}
        </button>
      ))}
    </div>
  );
}

export function SimulateScan(props: { language: Language; onScan: (payload: string) => void }) {
  const t = UI_TEXT[props.language];
  const [text, setText] = useState('');
  return (
    <form
      class="simulate"
      data-testid="simulate-form"
      onSubmit={(event) => {
        event.preventDefault();
        props.onScan(text);
        setText('');
      }}
    >
      <label for="simulate-payload">{t.simulate}</label>
      <textarea
        id="simulate-payload"
        data-testid="simulate-input"
        rows={3}
        placeholder={t.simulateHint}
        value={text}
        spellcheck={false}
        onInput={(event) => setText((event.target as HTMLTextAreaElement).value)}
      />
      <button type="submit" data-testid="simulate-submit">
        {t.simulateButton}
      </button>
    </form>
  );
}
