/**
 * QR codes from images (PNG, JPEG, …) with zxing-wasm — the same library and the same decode chain
 * (core/input/qr-read-plan.ts: LocalAverage, then GlobalHistogram, then FixedThreshold on a miss; text mode Plain) as
 * the renderer's camera path.
 *
 * Offline by contract: zxing-wasm fetches its .wasm from a CDN unless told otherwise, so the binary is read from this
 * installation's node_modules (`zxing-wasm/reader/zxing_reader.wasm`, resolved through the package's own exports) and
 * handed to the module as `wasmBinary`. No network access is ever attempted.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as ZXingReader from 'zxing-wasm/reader';
import { readQrWithChain } from '../../core/input/qr-read-plan.js';

type ReaderModule = typeof ZXingReader;

let reader: Promise<ReaderModule> | undefined;

/** Path of the reader's WebAssembly binary inside node_modules. */
export function zxingReaderWasmPath(): string {
  return createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
}

async function loadReader(): Promise<ReaderModule> {
  const zxing = await import('zxing-wasm/reader');
  const wasm = readFileSync(zxingReaderWasmPath());
  const wasmBinary = wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer;
  await zxing.prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
  return zxing;
}

/**
 * The texts of the QR codes found in an encoded image, in reading order; empty when none could be read (an unreadable
 * or damaged image is "no code", not an error). Loads the decoder on first use.
 */
export async function decodeQrImage(image: Uint8Array): Promise<string[]> {
  reader ??= loadReader();
  const zxing = await reader;
  const { results } = await readQrWithChain((options) => zxing.readBarcodes(image, options), 4);
  return results.filter((r) => r.isValid).map((r) => r.text);
}
