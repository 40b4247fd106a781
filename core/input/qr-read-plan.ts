/**
 * The one QR decode chain of the terminal, shared by the camera worker (renderer/camera/qr-decode-worker.ts) and the
 * host's image decoder (main/qr/decode-qr-image.ts: `gate-terminal decode-image`, the DCC conformance runner). It
 * names the reader options; the caller brings the reader (zxing-wasm's `readBarcodes`), so core stays free of it.
 *
 * Why this chain (bench/camera.ts measures it): zxing's LocalAverage binarizer reads most codes and is the cheapest
 * pass; GlobalHistogram then FixedThreshold read a few more of the photos it misses (glare, uneven light), so they
 * run only after a miss. Text mode `Plain` hands over the payload's characters as encoded — the default (HRI) turns
 * control characters into `<SOH>`-style escapes, which would change a credential's bytes.
 */

export const QR_BINARIZER_CHAIN = ['LocalAverage', 'GlobalHistogram', 'FixedThreshold'] as const;
export type QrBinarizer = (typeof QR_BINARIZER_CHAIN)[number];

/** The reader options of one pass (a subset of zxing-wasm's ReaderOptions, structurally compatible). */
export interface QrReadOptions {
  readonly formats: ['QRCode'];
  readonly tryHarder: true;
  readonly textMode: 'Plain';
  readonly binarizer: QrBinarizer;
  readonly maxNumberOfSymbols: number;
  readonly returnErrors: boolean;
}

export interface QrReadShape {
  readonly isValid: boolean;
}

export function qrReadOptions(binarizer: QrBinarizer, maxNumberOfSymbols: number, returnErrors = false): QrReadOptions {
  return { formats: ['QRCode'], tryHarder: true, textMode: 'Plain', binarizer, maxNumberOfSymbols, returnErrors };
}

export interface QrChainResult<R> {
  /** Every result of the last pass run (valid ones, and with returnErrors the located-but-unreadable ones). */
  readonly results: readonly R[];
  /** The binarizer whose pass found a valid code, or undefined when none did. */
  readonly foundWith: QrBinarizer | undefined;
  readonly passes: number;
}

/** An image (a photo, a printed code, a conformance case): every binarizer in turn until one finds a valid code. */
export async function readQrWithChain<R extends QrReadShape>(
  read: (options: QrReadOptions) => Promise<readonly R[]>,
  maxNumberOfSymbols: number,
  returnErrors = false,
): Promise<QrChainResult<R>> {
  let results: readonly R[] = [];
  for (let i = 0; i < QR_BINARIZER_CHAIN.length; i++) {
    const binarizer = QR_BINARIZER_CHAIN[i]!;
    results = await read(qrReadOptions(binarizer, maxNumberOfSymbols, returnErrors));
    if (results.some((r) => r.isValid)) return { results, foundWith: binarizer, passes: i + 1 };
  }
  return { results, foundWith: undefined, passes: QR_BINARIZER_CHAIN.length };
}

/**
 * A camera spreads the chain over successive frames so each frame costs one pass: after a frame with no valid code the
 * next frame tries the next binarizer; after a read it starts again with the first. A code only the last binarizer
 * reads is found within three frames (≈ 0.1–0.3 s at the camera's rates), and a frame never costs more than one pass.
 */
export function nextFrameBinarizer(current: QrBinarizer, foundValid: boolean): QrBinarizer {
  if (foundValid) return QR_BINARIZER_CHAIN[0];
  const index = QR_BINARIZER_CHAIN.indexOf(current);
  return QR_BINARIZER_CHAIN[(index + 1) % QR_BINARIZER_CHAIN.length]!;
}
