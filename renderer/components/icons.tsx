/**
 * The screen's symbols as inline SVG: a kiosk's fonts may have no glyph for ✓ ✕ ⚙ ↶ ⚠ or emoji (they render as empty
 * boxes), and the shipped text font (Noto Sans) has none of them. Stroked in currentColor, sized by the text around.
 */
import type { ComponentChildren } from 'preact';

export type IconName = 'check' | 'cross' | 'alert' | 'gear' | 'undo' | 'arrow-in' | 'arrow-out' | 'camera' | 'paper' | 'phone' | 'clock' | 'warning';

const PATHS: Readonly<Record<IconName, ComponentChildren>> = {
  check: <path d="M5 12.5l4.5 4.5L19 7.5" />,
  cross: <path d="M6 6l12 12M18 6L6 18" />,
  alert: <path d="M12 5v9M12 18.5v.5" />,
  gear: (
    <>
      <circle cx="12" cy="12" r="3.2" />
      <path d="M12 2.5v3M12 18.5v3M2.5 12h3M18.5 12h3M5.3 5.3l2.1 2.1M16.6 16.6l2.1 2.1M5.3 18.7l2.1-2.1M16.6 7.4l2.1-2.1" />
    </>
  ),
  undo: <path d="M9 7L4.5 11.5 9 16M5 11.5h9a5 5 0 010 10h-3" />,
  'arrow-in': <path d="M4 12h15M13 6l6 6-6 6" />,
  'arrow-out': <path d="M20 12H5M11 6l-6 6 6 6" />,
  camera: (
    <>
      <path d="M3 8h4l2-3h6l2 3h4v11H3z" />
      <circle cx="12" cy="13" r="3.5" />
    </>
  ),
  paper: <path d="M6 3h9l4 4v14H6zM15 3v4h4M9 12h7M9 16h7" />,
  phone: <path d="M8 2.5h8a1 1 0 011 1v17a1 1 0 01-1 1H8a1 1 0 01-1-1v-17a1 1 0 011-1zM11 18.5h2" />,
  clock: (
    <>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M12 7v5l3.5 2" />
    </>
  ),
  warning: <path d="M12 3L2.5 20h19zM12 9.5v5M12 17.3v.4" />,
};

export function Icon(props: { name: IconName; class?: string }) {
  return (
    <svg class={`icon${props.class ? ` ${props.class}` : ''}`} viewBox="0 0 24 24" aria-hidden="true" focusable="false" data-icon={props.name}>
      <g fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round">
        {PATHS[props.name]}
      </g>
    </svg>
  );
}
