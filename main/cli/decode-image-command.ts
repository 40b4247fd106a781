/**
 * `gate-terminal decode-image FILE…`: the QR codes in photos or scans of printed codes, for IT staff checking a poster,
 * a declaration QR or a badge before blaming the scanner. Decodes with the terminal's own chain (main/qr/decode-qr-image.ts
 * → core/input/qr-read-plan.ts), so what it reads is what the camera path reads.
 *
 * Output: one JSON line per file, in argument order: `{"file": "...", "texts": ["..."]}` — `texts` empty when no code
 * could be read; a file that cannot be opened adds `"error"` with the reason and makes the exit code 1.
 */
import { readFileSync } from 'node:fs';
import { decodeQrImage } from '../qr/decode-qr-image.js';
import { UsageError } from './decide-command.js';

export const DECODE_IMAGE_USAGE = `  gate-terminal decode-image FILE...                  print the QR codes read in each image (PNG, JPEG, …) as JSON lines
`;

export async function commandDecodeImage(argv: readonly string[], out: (line: string) => void = (l) => process.stdout.write(l + '\n')): Promise<number> {
  const files = argv.filter((a) => a !== '--');
  if (files.length === 0 || files.some((f) => f.startsWith('-') && f !== '-')) throw new UsageError('decode-image: give one or more image files');
  let failed = false;
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file === '-' ? 0 : file);
    } catch (error) {
      failed = true;
      out(JSON.stringify({ file, texts: [], error: (error as NodeJS.ErrnoException).code ?? (error as Error).message }));
      continue;
    }
    out(JSON.stringify({ file, texts: await decodeQrImage(bytes) }));
  }
  return failed ? 1 : 0;
}
