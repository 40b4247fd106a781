/**
 * Web Worker: decodes QR codes in camera frames with zxing-wasm, off the screen's main thread. The .wasm is served by
 * the terminal itself next to this script (never a CDN; the CSP allows only 'wasm-unsafe-eval' and our origin).
 * Protocol: in `{ id, image: ImageData }`; out `{ id, found: { text, box }[] }` or `{ id, error }`.
 */
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

export interface DetectedCode {
  readonly text: string;
  /** Corners in frame pixels: top-left, top-right, bottom-right, bottom-left. */
  readonly box: readonly { readonly x: number; readonly y: number }[];
}

export type WorkerRequest = { readonly id: number; readonly image: ImageData };
export type WorkerReply = { readonly id: number; readonly found: readonly DetectedCode[] } | { readonly id: number; readonly error: string };

const scope = self as unknown as { onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null; postMessage: (reply: WorkerReply) => void; location: Location };

prepareZXingModule({
  overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? new URL('zxing_reader.wasm', scope.location.href).href : prefix + path) },
});

scope.onmessage = (event) => {
  const { id, image } = event.data;
  readBarcodes(image, { formats: ['QRCode'], tryHarder: true, maxNumberOfSymbols: 1 }).then(
    (results) => {
      const found = results
        .filter((r) => r.isValid)
        .map((r) => ({ text: r.text, box: [r.position.topLeft, r.position.topRight, r.position.bottomRight, r.position.bottomLeft] }));
      scope.postMessage({ id, found });
    },
    (error: unknown) => scope.postMessage({ id, error: String(error) }),
  );
};
