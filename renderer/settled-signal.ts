/**
 * `<html data-settled="1">` while the guard screen is at rest, "0" while it is changing. At rest means: every change
 * of the page (a render of a new state, a new result, a language switch) has been painted, no call to the host is
 * waiting for its answer (a scan's decision, the snapshot after a reconnect), the screen's font has loaded, and no
 * finite CSS transition or animation is running (the endless lamp blink does not count: it never ends).
 *
 * Nothing on the screen reads it. It is the one hook the end-to-end tests have to take a screenshot when the screen
 * says it has settled instead of after a guessed pause (test/support/screenshot-compare.ts); it costs a
 * MutationObserver and a frame callback per change. index.html starts it at "0".
 */
import type { GateBridge } from '../core/index.js';

const FRAMES_AT_REST = 2;

export interface SettledSignal {
  /** The bridge to hand to the screen: the same calls, counted while they are waiting for the host. */
  readonly bridge: GateBridge;
}

function finiteAnimationsRunning(): Animation[] {
  return document.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getComputedTiming().endTime !== Infinity);
}

export function startSettledSignal(bridge: GateBridge, root: HTMLElement = document.documentElement): SettledSignal {
  let pendingCalls = 0;
  let generation = 0;
  const mark = (settled: boolean) => {
    const value = settled ? '1' : '0';
    if (root.dataset.settled !== value) root.dataset.settled = value;
  };
  /** Something changed: not settled until FRAMES_AT_REST frames pass with no further change. */
  const changed = () => {
    const mine = ++generation;
    mark(false);
    let frames = 0;
    const check = () => {
      if (mine !== generation) return;
      if (++frames < FRAMES_AT_REST) return void requestAnimationFrame(check);
      const running = finiteAnimationsRunning();
      if (pendingCalls > 0) return; // the answer's arrival calls changed() again
      if (running.length > 0 || document.fonts.status !== 'loaded') {
        void Promise.all([document.fonts.ready, ...running.map((a) => a.finished.catch(() => undefined))]).then(() => {
          if (mine === generation) changed();
        });
        return;
      }
      mark(true);
    };
    requestAnimationFrame(check);
  };
  // Our own attribute is excluded, or marking would count as a change.
  new MutationObserver((records) => {
    if (records.some((r) => !(r.type === 'attributes' && r.target === root && r.attributeName === 'data-settled'))) changed();
  }).observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  root.addEventListener('transitionrun', changed);
  root.addEventListener('animationstart', changed);
  changed();
  return {
    bridge: {
      ...bridge,
      call: (method, params) => {
        pendingCalls++;
        mark(false);
        const settle = () => {
          pendingCalls--;
          changed();
        };
        const answer = bridge.call(method, params);
        answer.then(settle, settle);
        return answer;
      },
    },
  };
}
