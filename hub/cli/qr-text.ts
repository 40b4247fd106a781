/**
 * Renders a short string as a QR code in text (blocks " ▀▄█"), so an enrolment token can be scanned off the admin's
 * terminal window. zxing-wasm's writer, with its wasm read from node_modules (never fetched from the network).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export async function qrText(text: string): Promise<string> {
  const require = createRequire(import.meta.url);
  const wasm = readFileSync(require.resolve('zxing-wasm/writer/zxing_writer.wasm'));
  const { prepareZXingModule, writeBarcode } = await import('zxing-wasm/writer');
  const wasmBinary = wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength);
  await prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
  const result = await writeBarcode(text, { format: 'QRCode', ecLevel: 'M' });
  if (result.error) throw new Error(`cannot render the QR code: ${result.error}`);
  return result.utf8;
}
