/**
 * Routes key events to the wedge decoder. A hidden input keeps the focus so the scanner's "typing" never lands in
 * the page; keys are decoded by `event.code` (layout-proof). When the guard is typing in a real text field (the
 * simulate box) or working in a dialog (paper declaration, override, settings), keys and focus are left alone.
 */
import { useEffect, useRef } from 'preact/hooks';
import { WedgeDecoder } from '../wedge/wedge-decoder.js';

function isTextEntry(element: Element | null, wedge: HTMLElement | null): boolean {
  if (!element || element === wedge) return false;
  if (element.closest('[role="dialog"]') || element instanceof HTMLSelectElement) return true;
  return element instanceof HTMLTextAreaElement || (element instanceof HTMLInputElement && element.type !== 'button') || (element as HTMLElement).isContentEditable;
}

export function useWedgeInput(onPayload: (payload: string) => void) {
  const inputRef = useRef<HTMLInputElement>(null);
  const callback = useRef(onPayload);
  callback.current = onPayload;

  useEffect(() => {
    const decoder = new WedgeDecoder((payload) => callback.current(payload));
    const wedge = () => inputRef.current;
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTextEntry(document.activeElement, wedge())) return;
      if (decoder.feed(event)) event.preventDefault();
    };
    // Refocus the hidden input whenever focus is not in a text field, so a scan always has somewhere to go.
    const refocus = () => {
      setTimeout(() => {
        if (!isTextEntry(document.activeElement, wedge())) wedge()?.focus({ preventScroll: true });
      }, 0);
    };
    document.addEventListener('keydown', onKeyDown, true);
    document.addEventListener('focusout', refocus);
    document.addEventListener('click', refocus);
    refocus();
    return () => {
      document.removeEventListener('keydown', onKeyDown, true);
      document.removeEventListener('focusout', refocus);
      document.removeEventListener('click', refocus);
    };
  }, []);
  return inputRef;
}
