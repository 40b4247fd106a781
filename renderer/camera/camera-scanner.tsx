/**
 * Camera scanning: getUserMedia at ≥ 720p, frames handed to the zxing-wasm Web Worker one at a time (never queued),
 * a viewfinder with the detection box drawn over the video, and each code passed to the same decision path as the
 * scanners (submitScan, source 'camera'). The same code is not re-submitted while it stays in view (3 s).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Language } from '../../core/index.js';
import type { DetectedCode, WorkerReply } from './qr-decode-worker.js';

const SAME_CODE_PAUSE_MS = 3000;
const TEXT = {
  vi: { title: 'Camera quét mã', starting: 'Đang mở camera…', failed: 'Không mở được camera', hint: 'Đưa mã QR vào khung hình' },
  en: { title: 'Camera scanner', starting: 'Opening the camera…', failed: 'Cannot open the camera', hint: 'Hold the QR code in view' },
} as const;

export function CameraScanner(props: { language: Language; onScan: (payload: string) => void }) {
  const t = TEXT[props.language];
  const video = useRef<HTMLVideoElement>(null);
  const onScan = useRef(props.onScan);
  onScan.current = props.onScan;
  const [state, setState] = useState<'starting' | 'running' | 'failed'>('starting');
  const [box, setBox] = useState<DetectedCode['box'] | undefined>();
  const [size, setSize] = useState({ width: 1280, height: 720 });

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | undefined;
    const worker = new Worker(new URL('qr-decode-worker.js', document.baseURI), { type: 'module' });
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    let last = { text: '', at: 0 };
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
      const code = 'found' in reply ? reply.found[0] : undefined;
      setBox(code?.box);
      const now = performance.now();
      if (code && (code.text !== last.text || now - last.at > SAME_CODE_PAUSE_MS)) onScan.current(code.text);
      if (code) last = { text: code.text, at: now };
      requestAnimationFrame(grab);
    };
    navigator.mediaDevices
      .getUserMedia({ audio: false, video: { width: { min: 1280, ideal: 1280 }, height: { min: 720, ideal: 720 }, facingMode: 'environment' } })
      .then(async (s) => {
        stream = s;
        if (stopped || !video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        setSize({ width: video.current.videoWidth, height: video.current.videoHeight });
        setState('running');
        grab();
      })
      .catch(() => setState('failed'));
    return () => {
      stopped = true;
      worker.terminate();
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, []);

  return (
    <section class="camera" aria-label={t.title} data-testid="camera" data-state={state} data-detected={box ? 'true' : 'false'}>
      <div class="camera__view">
        <video ref={video} class="camera__video" muted playsInline aria-hidden="true" />
        <svg class="camera__overlay" viewBox={`0 0 ${size.width} ${size.height}`} aria-hidden="true">
          {box && <polygon data-testid="camera-box" points={box.map((p) => `${p.x},${p.y}`).join(' ')} />}
        </svg>
      </div>
      <p class="camera__status" role="status">
        {state === 'starting' ? t.starting : state === 'failed' ? t.failed : t.hint}
      </p>
    </section>
  );
}
