/**
 * A .y4m video (the raw format Chromium's fake camera reads) showing a QR code, made in code: no ffmpeg needed. The QR
 * modules come from the `qrcode` package; frames are 4:2:0 with the code dark on a light grey background.
 */
import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';

export interface QrVideoOptions {
  readonly width?: number;
  readonly height?: number;
  /** Pixels per QR module. */
  readonly moduleSize?: number;
  readonly frames?: number;
  /** Grey levels of the modules and of the background (default 20 on 200; e.g. 8 on 30 for a dark scene). */
  readonly dark?: number;
  readonly light?: number;
}

/** The luma plane of one frame: the code centred, with a 4-module quiet zone. */
export function qrLumaFrame(payload: string, width: number, height: number, moduleSize: number, levels = { dark: 20, light: 200 }): Uint8Array {
  const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const side = n * moduleSize;
  if (side + 8 * moduleSize > Math.min(width, height)) throw new Error(`QR of ${n} modules does not fit ${width}×${height} at ${moduleSize} px`);
  const luma = new Uint8Array(width * height).fill(levels.light);
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      if (qr.modules.get(Math.floor(y / moduleSize), Math.floor(x / moduleSize))) luma[(top + y) * width + left + x] = levels.dark;
    }
  }
  return luma;
}

/** Writes the video to `path` and returns it. */
export function writeQrVideo(path: string, payload: string, options: QrVideoOptions = {}): string {
  const { width = 1280, height = 720, moduleSize = 6, frames = 2, dark = 20, light = 200 } = options;
  const luma = qrLumaFrame(payload, width, height, moduleSize, { dark, light });
  const chroma = new Uint8Array((width / 2) * (height / 2) * 2).fill(128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
  return path;
}
