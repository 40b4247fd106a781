/**
 * Synthetic camera frames showing one QR code, for the camera bench: greyscale, drawn here pixel by pixel (no canvas)
 * from the module matrix of the `qrcode` package. Each frame is rendered by inverse mapping with 3×3 supersampling
 * (a camera integrates light over a pixel, so module edges are grey, not stair-stepped), then blurred (separable
 * Gaussian), given sensor noise (Gaussian, Box–Muller) and quantised to 8 bits. Everything random comes from the
 * seeded generator passed in, so a run repeats exactly.
 */
import QRCode from 'qrcode';

export interface FrameSpec {
  readonly width: number;
  readonly height: number;
  readonly payload: string;
  /** Pixels per QR module (fractional allowed). */
  readonly moduleSize: number;
  /** Rotation of the code in degrees (clockwise). */
  readonly angle: number;
  /** Grey levels of the dark modules and of the paper. */
  readonly dark: number;
  readonly light: number;
  /** Grey level of the scene around the paper (the quiet zone is always 4 modules of paper). */
  readonly background: number;
  /** Gaussian blur sigma in pixels (0: sharp). */
  readonly blurSigma: number;
  /** Standard deviation of the added sensor noise in grey levels (0: none). */
  readonly noiseSigma: number;
  /** Centre of the code as a fraction of the frame (0.5, 0.5: centred). */
  readonly centre: { readonly x: number; readonly y: number };
}

export interface GreyFrame {
  readonly width: number;
  readonly height: number;
  readonly luma: Uint8ClampedArray;
}

const QUIET_MODULES = 4;
const SUPERSAMPLE = 3;

export function renderQrFrame(spec: FrameSpec, random: () => number): GreyFrame {
  const qr = QRCode.create(spec.payload, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const { width, height, moduleSize } = spec;
  const cx = spec.centre.x * width;
  const cy = spec.centre.y * height;
  const rad = (spec.angle * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const half = n / 2;
  const paperHalf = half + QUIET_MODULES;
  const plane = new Float32Array(width * height);
  const step = 1 / SUPERSAMPLE;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const px = x + (sx + 0.5) * step - cx;
          const py = y + (sy + 0.5) * step - cy;
          // Inverse rotation into module coordinates, origin at the code's centre.
          const mx = (px * cos + py * sin) / moduleSize;
          const my = (-px * sin + py * cos) / moduleSize;
          if (Math.abs(mx) >= paperHalf || Math.abs(my) >= paperHalf) sum += spec.background;
          else {
            const col = Math.floor(mx + half);
            const row = Math.floor(my + half);
            const isDark = col >= 0 && row >= 0 && col < n && row < n && qr.modules.get(row, col);
            sum += isDark ? spec.dark : spec.light;
          }
        }
      }
      plane[y * width + x] = sum / (SUPERSAMPLE * SUPERSAMPLE);
    }
  }
  const blurred = spec.blurSigma > 0 ? gaussianBlur(plane, width, height, spec.blurSigma) : plane;
  const luma = new Uint8ClampedArray(width * height);
  for (let i = 0; i < luma.length; i++) luma[i] = Math.round(blurred[i]! + (spec.noiseSigma > 0 ? spec.noiseSigma * gaussian(random) : 0));
  return { width, height, luma };
}

/** Separable Gaussian blur, kernel radius 3σ, edges clamped. */
export function gaussianBlur(src: Float32Array, width: number, height: number, sigma: number): Float32Array {
  const radius = Math.max(1, Math.ceil(sigma * 3));
  const kernel = new Float32Array(radius * 2 + 1);
  let total = 0;
  for (let i = -radius; i <= radius; i++) total += kernel[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
  for (let i = 0; i < kernel.length; i++) kernel[i]! /= total;
  const pass = (from: Float32Array, horizontal: boolean): Float32Array => {
    const out = new Float32Array(from.length);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let acc = 0;
        for (let k = -radius; k <= radius; k++) {
          const sx = horizontal ? Math.min(width - 1, Math.max(0, x + k)) : x;
          const sy = horizontal ? y : Math.min(height - 1, Math.max(0, y + k));
          acc += from[sy * width + sx]! * kernel[k + radius]!;
        }
        out[y * width + x] = acc;
      }
    }
    return out;
  };
  return pass(pass(src, true), false);
}

/** Standard normal deviate (Box–Muller) from a uniform generator. */
function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** The frame as canvas `getImageData` gives it to the decoder worker: RGBA, grey in R = G = B, opaque. */
export function toRgba(frame: GreyFrame): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(frame.width * frame.height * 4);
  for (let i = 0; i < frame.luma.length; i++) {
    const v = frame.luma[i]!;
    rgba[i * 4] = v;
    rgba[i * 4 + 1] = v;
    rgba[i * 4 + 2] = v;
    rgba[i * 4 + 3] = 255;
  }
  return rgba;
}
