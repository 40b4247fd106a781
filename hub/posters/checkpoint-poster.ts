/**
 * The printable poster of a checkpoint: what a visitor sees at the door — the checkpoint's name (Vietnamese), its
 * building and address, bilingual instructions, and a QR of `${publicBaseUrl}/c/<checkpointId>` (the hub's
 * declaration page with the checkpoint preselected). PDF (A4, vector QR, embedded Unicode font) for printing, and PNG
 * (the same A4 layout and texts, poster-raster.ts) for sharing or placing in other layouts. Both draw poster-layout.ts.
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { findPosterFonts } from './poster-font.js';
import { POSTER_PAGE, posterLayout, type PosterCheckpoint, type PosterLine } from './poster-layout.js';
import { renderPosterRaster } from './poster-raster.js';

export type { PosterCheckpoint } from './poster-layout.js';

/** The URL a checkpoint's QR encodes. `base` is the hub's public address without a trailing slash. */
export function checkpointQrUrl(base: string, checkpointId: string): string {
  return `${base.replace(/\/+$/, '')}/c/${encodeURIComponent(checkpointId)}`;
}

/** The whole poster as a PNG (A4 at about 144 dpi, QR with error correction H: survives a scratched print). */
export function renderPosterPng(checkpoint: PosterCheckpoint, url: string): Promise<Buffer> {
  return Promise.resolve(renderPosterRaster(posterLayout(checkpoint, url), url));
}

/** Draws the QR's modules as filled squares (vector: sharp at any print size). */
function drawQr(doc: PDFKit.PDFDocument, url: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(url, { errorCorrectionLevel: 'H' });
  const count = qr.modules.size;
  const cell = size / (count + 8);
  doc.rect(x, y, size, size).fill('#ffffff');
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.modules.get(row, col)) doc.rect(x + (col + 4) * cell, y + (row + 4) * cell, cell, cell);
    }
  }
  doc.fill('#000000');
}

export function renderPosterPdf(checkpoint: PosterCheckpoint, url: string): Promise<Buffer> {
  const fonts = findPosterFonts();
  const { width: pageWidth, height: pageHeight, margin, qrSize, qrGap } = POSTER_PAGE;
  // `font` in the constructor: pdfkit then never loads its built-in Helvetica (no Vietnamese glyphs).
  const doc = new PDFDocument({ size: [pageWidth, pageHeight], margin, font: fonts.regular, info: { Title: `${checkpoint.name} · Điểm kiểm soát`, Subject: url }, compress: true });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = pageWidth - 2 * margin;
  doc.registerFont('bold', fonts.bold).registerFont('regular', fonts.regular);
  const draw = (line: PosterLine) => {
    doc.y += line.gapBefore;
    doc.font(line.bold ? 'bold' : 'regular').fontSize(line.size).fillColor(line.color).text(line.text, margin, doc.y, { align: 'center', width });
  };
  const layout = posterLayout(checkpoint, url);
  layout.above.forEach(draw);
  const qrY = doc.y + qrGap;
  drawQr(doc, url, (pageWidth - qrSize) / 2, qrY, qrSize);
  doc.y = qrY + qrSize + 20;
  layout.below.forEach(draw);
  doc.end();
  return done;
}
