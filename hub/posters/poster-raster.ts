/**
 * The PNG poster: the same layout as the PDF (poster-layout.ts) drawn into a grey-level bitmap — text from the
 * embedded TTF's glyph outlines (fontkit, which pdfkit uses too), filled with the non-zero rule and anti-aliased
 * (exact horizontal coverage, 4 samples vertically); the QR as whole-pixel modules so it stays sharp for scanners.
 * No font rasteriser or canvas library needed; Vietnamese diacritics are whatever the font's glyphs are.
 */
import { createRequire } from 'node:module';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { findPosterFonts } from './poster-font.js';
import { POSTER_PAGE, type PosterLayout, type PosterLine } from './poster-layout.js';

interface PathCommand {
  readonly command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
  readonly args: readonly number[];
}
interface Font {
  readonly unitsPerEm: number;
  layout(text: string): { glyphs: { path: { commands: PathCommand[] } }[]; positions: { xAdvance: number; xOffset: number; yOffset: number }[] };
}
const fontkit = createRequire(import.meta.url)('fontkit') as { openSync(path: string): Font };

/** Parsed fonts by path: parsing DejaVu Sans costs more than drawing a poster. */
const fontCache = new Map<string, Font>();
function openFont(path: string): Font {
  let font = fontCache.get(path);
  if (!font) fontCache.set(path, (font = fontkit.openSync(path)));
  return font;
}

type Point = [number, number];
const SAMPLES = 4;

class GreyBitmap {
  readonly pixels: Uint8Array;
  constructor(readonly width: number, readonly height: number) {
    this.pixels = new Uint8Array(width * height).fill(255);
  }

  rect(x: number, y: number, w: number, h: number, grey: number): void {
    for (let row = Math.max(0, y); row < Math.min(this.height, y + h); row++) this.pixels.fill(grey, row * this.width + Math.max(0, x), row * this.width + Math.min(this.width, x + w));
  }

  /** Fills closed polygons (non-zero winding) with `grey`, anti-aliased. */
  fill(contours: readonly Point[][], grey: number): void {
    const edges: [number, number, number, number, number][] = [];
    let minY = Infinity;
    let maxY = -Infinity;
    let minX = Infinity;
    let maxX = -Infinity;
    for (const c of contours) {
      for (let i = 0; i < c.length; i++) {
        const [x0, y0] = c[i]!;
        const [x1, y1] = c[(i + 1) % c.length]!;
        if (y0 === y1) continue;
        edges.push(y0 < y1 ? [x0, y0, x1, y1, 1] : [x1, y1, x0, y0, -1]);
        minY = Math.min(minY, y0, y1);
        maxY = Math.max(maxY, y0, y1);
        minX = Math.min(minX, x0, x1);
        maxX = Math.max(maxX, x0, x1);
      }
    }
    const coverage = new Float32Array(this.width + 1);
    const left = Math.max(0, Math.floor(minX));
    const right = Math.min(this.width, Math.ceil(maxX) + 1);
    const top = Math.max(0, Math.floor(minY));
    const bottom = Math.min(this.height, Math.ceil(maxY));
    // Each pixel row looks only at the edges crossing it (a glyph line has thousands of edges, a row a few dozen).
    const rows: number[][] = Array.from({ length: Math.max(0, bottom - top) }, () => []);
    edges.forEach(([, y0, , y1], i) => {
      for (let row = Math.max(top, Math.floor(y0)); row < Math.min(bottom, Math.ceil(y1)); row++) rows[row - top]!.push(i);
    });
    const crossings: [number, number][] = [];
    for (let py = top; py < bottom; py++) {
      coverage.fill(0, left, right);
      const candidates = rows[py - top]!;
      for (let s = 0; s < SAMPLES; s++) {
        const y = py + (s + 0.5) / SAMPLES;
        crossings.length = 0;
        for (const i of candidates) {
          const [x0, y0, x1, y1, dir] = edges[i]!;
          if (y >= y0 && y < y1) crossings.push([x0 + ((y - y0) * (x1 - x0)) / (y1 - y0), dir]);
        }
        crossings.sort((a, b) => a[0] - b[0]);
        let winding = 0;
        let start = 0;
        for (const [x, dir] of crossings) {
          const before = winding;
          winding += dir;
          if (before === 0 && winding !== 0) start = x;
          else if (before !== 0 && winding === 0) this.span(coverage, start, x, 1 / SAMPLES);
        }
      }
      const base = py * this.width;
      for (let x = left; x < right; x++) {
        const c = Math.min(1, coverage[x]!);
        if (c > 0) this.pixels[base + x] = Math.round(this.pixels[base + x]! * (1 - c) + grey * c);
      }
    }
  }

  private span(coverage: Float32Array, from: number, to: number, weight: number): void {
    const a = Math.max(0, Math.min(this.width, from));
    const b = Math.max(0, Math.min(this.width, to));
    if (b <= a) return;
    const ia = Math.floor(a);
    const ib = Math.floor(b);
    if (ia === ib) {
      coverage[ia] = coverage[ia]! + (b - a) * weight;
      return;
    }
    coverage[ia] = coverage[ia]! + (ia + 1 - a) * weight;
    for (let k = ia + 1; k < ib; k++) coverage[k] = coverage[k]! + weight;
    if (ib < this.width) coverage[ib] = coverage[ib]! + (b - ib) * weight;
  }

  /** 8-bit greyscale PNG (a third of the size of RGBA, and what a printed poster needs). */
  png(): Buffer {
    const image = { width: this.width, height: this.height, data: Buffer.from(this.pixels.buffer, this.pixels.byteOffset, this.pixels.length) };
    return PNG.sync.write(image as unknown as PNG, { colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 });
  }
}

/** A glyph run's outlines as polygons: font units → pixels (y down), curves flattened. */
function textContours(font: Font, text: string, x: number, baseline: number, scale: number): Point[][] {
  const run = font.layout(text);
  const contours: Point[][] = [];
  let penX = x;
  run.glyphs.forEach((glyph, i) => {
    const pos = run.positions[i]!;
    const at = (fx: number, fy: number): Point => [penX + (pos.xOffset + fx) * scale, baseline - (pos.yOffset + fy) * scale];
    let current: Point[] = [];
    let last: [number, number] = [0, 0];
    for (const { command, args } of glyph.path.commands) {
      if (command === 'moveTo') {
        if (current.length > 2) contours.push(current);
        current = [at(args[0]!, args[1]!)];
        last = [args[0]!, args[1]!];
      } else if (command === 'lineTo') {
        current.push(at(args[0]!, args[1]!));
        last = [args[0]!, args[1]!];
      } else if (command === 'quadraticCurveTo' || command === 'bezierCurveTo') {
        const pts = command === 'quadraticCurveTo' ? [last, [args[0]!, args[1]!], [args[2]!, args[3]!]] : [last, [args[0]!, args[1]!], [args[2]!, args[3]!], [args[4]!, args[5]!]];
        for (let step = 1; step <= 10; step++) current.push(at(...bezier(pts as [number, number][], step / 10)));
        last = pts.at(-1) as [number, number];
      } else if (current.length > 2) {
        contours.push(current);
        current = [];
      }
    }
    if (current.length > 2) contours.push(current);
    penX += pos.xAdvance * scale;
  });
  return contours;
}

function bezier(points: readonly [number, number][], t: number): [number, number] {
  let pts = points;
  while (pts.length > 1) pts = pts.slice(1).map((p, i) => [pts[i]![0] + (p[0] - pts[i]![0]) * t, pts[i]![1] + (p[1] - pts[i]![1]) * t]);
  return pts[0]!;
}

/** Width of `text` at `size` points, in points. */
function widthOf(font: Font, text: string, size: number): number {
  return (font.layout(text).positions.reduce((w, p) => w + p.xAdvance, 0) * size) / font.unitsPerEm;
}

/** Words wrapped to `width` points (a word longer than the line, such as a URL, is cut where it must be). */
export function wrapLine(font: Font, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const candidate = current ? `${current} ${word}` : word;
    if (widthOf(font, candidate, size) <= width || !current) current = candidate;
    else {
      lines.push(current);
      current = word;
    }
    while (widthOf(font, current, size) > width && current.length > 1) {
      let cut = current.length - 1;
      while (cut > 1 && widthOf(font, current.slice(0, cut), size) > width) cut--;
      lines.push(current.slice(0, cut));
      current = current.slice(cut);
    }
  }
  if (current) lines.push(current);
  return lines;
}

/** The poster as a PNG, `pixelsPerPoint` × A4 (2 → 1191 × 1684 px, about 144 dpi). */
export function renderPosterRaster(layout: PosterLayout, url: string, pixelsPerPoint = 2): Buffer {
  const paths = findPosterFonts();
  const fonts = { regular: openFont(paths.regular), bold: openFont(paths.bold) };
  const k = pixelsPerPoint;
  const bitmap = new GreyBitmap(Math.round(POSTER_PAGE.width * k), Math.round(POSTER_PAGE.height * k));
  const textWidth = POSTER_PAGE.width - 2 * POSTER_PAGE.margin;
  let y = POSTER_PAGE.margin;
  const draw = (l: PosterLine) => {
    const font = l.bold ? fonts.bold : fonts.regular;
    y += l.gapBefore;
    for (const text of wrapLine(font, l.text, l.size, textWidth)) {
      const x = (POSTER_PAGE.width - widthOf(font, text, l.size)) / 2;
      const baseline = y + l.size * 0.93;
      bitmap.fill(textContours(font, text, x * k, baseline * k, (l.size * k) / font.unitsPerEm), parseInt(l.color.slice(1, 3), 16));
      y += l.size * 1.17;
    }
  };
  layout.above.forEach(draw);
  y += POSTER_PAGE.qrGap;
  const qr = QRCode.create(url, { errorCorrectionLevel: 'H' });
  const count = qr.modules.size;
  const cell = Math.floor((POSTER_PAGE.qrSize * k) / (count + 8));
  const qrLeft = Math.round((bitmap.width - cell * (count + 8)) / 2) + 4 * cell;
  const qrTop = Math.round(y * k) + 4 * cell;
  for (let row = 0; row < count; row++) for (let col = 0; col < count; col++) if (qr.modules.get(row, col)) bitmap.rect(qrLeft + col * cell, qrTop + row * cell, cell, cell, 0);
  y += POSTER_PAGE.qrSize + 20;
  layout.below.forEach(draw);
  return bitmap.png();
}
