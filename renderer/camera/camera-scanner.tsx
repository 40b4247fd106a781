/**
 * Camera scanning: getUserMedia at ≥ 720p, frames handed to the zxing-wasm Web Worker one at a time (never queued),
 * a viewfinder with the detection box drawn over the video, hints from the frames themselves (too dark / too bright /
 * hold still / too small: frame-hints.ts), a torch toggle when the camera has one, and the measured frame rate and
 * detection rate. Each code goes to the same decision path as the scanners (submitScan, source 'camera'); the same code
 * is not re-submitted while it stays in view (3 s).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Language } from '../../core/index.js';
import { GUARD_SCREEN_TEXT } from '../i18n/guard-screen-text.js';
import { Icon } from '../components/icons.js';
import { frameHint, settledHint, SETTLE_WINDOW, type CameraHint, type FrameStats } from './frame-hints.js';
import type { DetectedCode, WorkerReply } from './qr-decode-worker.js';

const SAME_CODE_PAUSE_MS = 3000;
/** A decoded code's box still counts as "where the code is" for the size hint this long after it stopped decoding. */
const RECENT_BOX_MS = 1000;
/** Frame rate and detection rate are measured over this window and shown once a second. */
const STATS_WINDOW_MS = 3000;
const TEXT = {
  vi: { title: 'Camera quét mã', starting: 'Đang mở camera…', failed: 'Không mở được camera' },
  en: { title: 'Camera scanner', starting: 'Opening the camera…', failed: 'Cannot open the camera' },
} as const;

export interface CameraStats {
  /** Frames decoded per second (wall clock, over the last few seconds). */
  readonly fps: number;
  /** Fraction of those frames in which a code was decoded. */
  readonly detection: number;
}


export function CameraScanner(props: { language: Language; onScan: (payload: string) => void; onStats?: (stats: CameraStats) => void }) {
  const t = TEXT[props.language];
  const words = GUARD_SCREEN_TEXT[props.language].camera;
  const video = useRef<HTMLVideoElement>(null);
  const onScan = useRef(props.onScan);
  onScan.current = props.onScan;
  const onStats = useRef(props.onStats);
  onStats.current = props.onStats;
  const [state, setState] = useState<'starting' | 'running' | 'failed'>('starting');
  const [box, setBox] = useState<DetectedCode['box'] | undefined>();
  const [size, setSize] = useState({ width: 1280, height: 720 });
  const [hint, setHint] = useState<CameraHint>('ok');
  const [stats, setStats] = useState<CameraStats | undefined>();
  const [torch, setTorch] = useState<{ track: MediaStreamTrack; on: boolean } | undefined>();

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | undefined;
    const worker = new Worker(new URL('qr-decode-worker.js', document.baseURI), { type: 'module' });
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    let last = { text: '', at: 0 };
    let lastBox: { box: DetectedCode['box']; at: number } | undefined;
    let previous: FrameStats | undefined;
    const hints: CameraHint[] = [];
    const frames: { at: number; decoded: boolean }[] = [];
    let frameId = 0;

    const grab = () => {
      const v = video.current;
      if (stopped || !v || !context || v.videoWidth === 0) return void setTimeout(grab, 50);
      canvas.width = v.videoWidth;
      canvas.height = v.videoHeight;
      context.drawImage(v, 0, 0);
      worker.postMessage({ id: ++frameId, image: context.getImageData(0, 0, canvas.width, canvas.height) });
    };
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      const now = performance.now();
      if ('found' in reply) {
        const code = reply.found[0];
        setBox(code?.box);
        if (code && (code.text !== last.text || now - last.at > SAME_CODE_PAUSE_MS)) onScan.current(code.text);
        if (code) last = { text: code.text, at: now };
        if (code) lastBox = { box: code.box, at: now };
        const located = reply.located[0] ?? (lastBox && now - lastBox.at < RECENT_BOX_MS ? lastBox.box : undefined);
        hints.push(frameHint({ stats: reply.stats, ...(previous ? { previous } : {}), decoded: code !== undefined, ...(located ? { located } : {}), width: canvas.width, height: canvas.height }));
        if (hints.length > SETTLE_WINDOW) hints.shift();
        setHint(settledHint(hints));
        previous = reply.stats;
        frames.push({ at: now, decoded: code !== undefined });
      }
      requestAnimationFrame(grab);
    };
    const report = setInterval(() => {
      const now = performance.now();
      while (frames.length > 0 && now - frames[0]!.at > STATS_WINDOW_MS) frames.shift();
      const measured = { fps: frames.length / (STATS_WINDOW_MS / 1000), detection: frames.length > 0 ? frames.filter((f) => f.decoded).length / frames.length : 0 };
      setStats(measured);
      onStats.current?.(measured);
    }, 1000);
    navigator.mediaDevices
      .getUserMedia({ audio: false, video: { width: { min: 1280, ideal: 1280 }, height: { min: 720, ideal: 720 }, facingMode: 'environment' } })
      .then(async (s) => {
        stream = s;
        if (stopped || !video.current) return;
        const track = s.getVideoTracks()[0];
        // `torch` is not in the DOM typings yet; Chromium reports it on cameras (phones, some USB) that have a light.
        if (track && (track.getCapabilities?.() as { torch?: boolean } | undefined)?.torch === true) setTorch({ track, on: false });
        video.current.srcObject = s;
        await video.current.play();
        setSize({ width: video.current.videoWidth, height: video.current.videoHeight });
        setState('running');
        grab();
      })
      .catch(() => setState('failed'));
    return () => {
      stopped = true;
      clearInterval(report);
      worker.terminate();
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, []);

  const toggleTorch = () => {
    if (!torch) return;
    const on = !torch.on;
    torch.track.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] }).then(
      () => setTorch({ ...torch, on }),
      () => undefined,
    );
  };

  return (
    <section class="camera" aria-label={t.title} data-testid="camera" data-state={state} data-detected={box ? 'true' : 'false'} data-hint={hint}>
      <div class="camera__view">
        <video ref={video} class="camera__video" muted playsInline aria-hidden="true" />
        <svg class="camera__overlay" viewBox={`0 0 ${size.width} ${size.height}`} aria-hidden="true">
          {box && <polygon data-testid="camera-box" points={box.map((p) => `${p.x},${p.y}`).join(' ')} />}
        </svg>
        {state === 'running' && hint !== 'ok' && (
          <p class="camera__hint" data-testid="camera-hint">
            <Icon name="warning" /> {words.hints[hint]}
          </p>
        )}
      </div>
      <div class="camera__bar">
        <p class="camera__status" role="status">
          {state === 'starting' ? t.starting : state === 'failed' ? t.failed : words.hints.ok}
        </p>
        {stats && state === 'running' && (
          <p class="camera__stats" data-testid="camera-stats" data-fps={stats.fps.toFixed(1)} data-detection={stats.detection.toFixed(2)}>
            {stats.fps.toFixed(1)} {words.fps} · {words.detection} {Math.round(stats.detection * 100)} %
          </p>
        )}
        {torch && (
          <button type="button" class="button button--secondary" data-testid="camera-torch" aria-pressed={torch.on} onClick={toggleTorch}>
            {torch.on ? words.torchOff : words.torchOn}
          </button>
        )}
      </div>
    </section>
  );
}
