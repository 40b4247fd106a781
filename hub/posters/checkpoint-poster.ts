/**
 * The printable poster of a checkpoint: what a visitor sees at the door — the checkpoint's name (Vietnamese), its
 * building and address, bilingual instructions, and a QR of `${publicBaseUrl}/c/<checkpointId>` (the hub's
 * declaration page with the checkpoint preselected). PDF (A4, vector QR, embedded Unicode font) for printing, and PNG
 * of the QR alone (with its quiet zone, high error correction) for sharing or placing in other layouts: rendering
 * text into PNG would need a font rasteriser we do not ship, so the PNG carries no text.
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { findPosterFonts } from './poster-font.js';

export interface PosterCheckpoint {
  readonly checkpointId: string;
  readonly name: string;
  readonly kind: 'building-door' | 'department';
  readonly buildingName: string;
  readonly address: string;
}

/** The URL a checkpoint's QR encodes. `base` is the hub's public address without a trailing slash. */
export function checkpointQrUrl(base: string, checkpointId: string): string {
  return `${base.replace(/\/+$/, '')}/c/${encodeURIComponent(checkpointId)}`;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;

/** PNG of the QR alone, `size` pixels wide (error correction H: survives a scratched or partly covered print). */
export function renderPosterPng(url: string, size = 1024): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'H', margin: 4, width: size, color: { dark: '#000000', light: '#ffffff' } });
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
  // `font` in the constructor: pdfkit then never loads its built-in Helvetica (no Vietnamese glyphs).
  const doc = new PDFDocument({ size: A4, margin: MARGIN, font: fonts.regular, info: { Title: `${checkpoint.name} · Điểm kiểm soát`, Subject: url }, compress: true });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = A4[0] - 2 * MARGIN;
  doc.registerFont('bold', fonts.bold).registerFont('regular', fonts.regular);
  doc.font('regular').fontSize(16).fillColor('#444444').text('ĐIỂM KIỂM SOÁT · CHECKPOINT', { align: 'center', width });
  doc.moveDown(0.4).font('bold').fontSize(30).fillColor('#000000').text(checkpoint.name, { align: 'center', width });
  const where = checkpoint.kind === 'department' ? `Bộ phận trong ${checkpoint.buildingName} · Department in ${checkpoint.buildingName}` : `${checkpoint.buildingName} · Cổng tòa nhà / Building door`;
  doc.moveDown(0.3).font('regular').fontSize(14).text(where, { align: 'center', width });
  if (checkpoint.address) doc.moveDown(0.2).fontSize(13).fillColor('#333333').text(checkpoint.address, { align: 'center', width });
  const qrSize = 330;
  const qrY = doc.y + 24;
  drawQr(doc, url, (A4[0] - qrSize) / 2, qrY, qrSize);
  doc.y = qrY + qrSize + 20;
  doc.font('bold').fontSize(17).fillColor('#000000').text('Quét mã để khai báo y tế trước khi vào', MARGIN, doc.y, { align: 'center', width });
  doc.font('regular').fontSize(14).fillColor('#333333').text('Scan the code to make your health declaration before entering', { align: 'center', width });
  doc.moveDown(0.8).fontSize(11).fillColor('#555555').text(url, { align: 'center', width });
  doc.moveDown(0.3).text(`Mã điểm kiểm soát / Checkpoint id: ${checkpoint.checkpointId}`, { align: 'center', width });
  doc.end();
  return done;
}
