/**
 * Web Worker: decodes QR codes in camera frames with zxing-wasm, off the screen's main thread. The .wasm is served by
 * the terminal itself next to this script (never a CDN; the CSP allows only 'wasm-unsafe-eval' and our origin).
 * Protocol: in `{ id, image: ImageData }`; out `{ id, found, located, stats }` or `{ id, error }`: `found` the decoded
 * codes, `located` the corners of codes found but not decoded (checksum errors: often too small or moving), `stats`
 * the frame's light and coarse picture for the viewfinder's hints (frame-hints.ts).
 */
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { nextFrameBinarizer, QR_BINARIZER_CHAIN, qrReadOptions, type QrBinarizer } from '../../core/input/qr-read-plan.js';
import { measureFrame, type FrameStats } from './frame-hints.js';

export interface DetectedCode {
  readonly text: string;
  /** Corners in frame pixels: top-left, top-right, bottom-right, bottom-left. */
  readonly box: readonly { readonly x: number; readonly y: number }[];
}

export type WorkerRequest = { readonly id: number; readonly image: ImageData };
export type WorkerReply =
  | { readonly id: number; readonly found: readonly DetectedCode[]; readonly located: readonly DetectedCode['box'][]; readonly stats: FrameStats }
  | { readonly id: number; readonly error: string };

const scope = self as unknown as { onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null; postMessage: (reply: WorkerReply) => void; location: Location };

prepareZXingModule({
  overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? new URL('zxing_reader.wasm', scope.location.href).href : prefix + path) },
});

// The decode chain spread over frames (core/input/qr-read-plan.ts): one binarizer per frame, the next after a miss.
let binarizer: QrBinarizer = QR_BINARIZER_CHAIN[0];

scope.onmessage = (event) => {
  const { id, image } = event.data;
  const stats = measureFrame(image.data, image.width, image.height);
  // returnErrors only adds results that fail their checksum; detection of valid codes is unchanged (bench/camera.ts).
  readBarcodes(image, qrReadOptions(binarizer, 1, true)).then(
    (results) => {
      binarizer = nextFrameBinarizer(binarizer, results.some((r) => r.isValid));
      const boxOf = (r: (typeof results)[number]) => [r.position.topLeft, r.position.topRight, r.position.bottomRight, r.position.bottomLeft];
      const found = results.filter((r) => r.isValid).map((r) => ({ text: r.text, box: boxOf(r) }));
      const located = results.filter((r) => !r.isValid).map(boxOf);
      scope.postMessage({ id, found, located, stats });
    },
    (error: unknown) => scope.postMessage({ id, error: String(error) }),
  );
};
