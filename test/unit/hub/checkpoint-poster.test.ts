/**
 * The poster renderings: the PDF and the PNG draw the same lines (poster-layout.ts), the PNG's texts are really drawn
 * (compared with a baseline image a person looked at: Vietnamese diacritics right) and its QR decodes to the URL.
 * UPDATE_SCREENSHOTS=1 writes the baseline instead of comparing.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { PNG } from 'pngjs';
import { decodeQrImage } from '../../../main/qr/decode-qr-image.js';
import { renderPosterPdf, renderPosterPng } from '../../../hub/posters/checkpoint-poster.js';
import { posterLayout, type PosterCheckpoint } from '../../../hub/posters/poster-layout.js';
import { pdfTextCandidates } from '../../support/pdf-text.js';
import { CHANNEL_TOLERANCE, MAX_DIFFERENT_RATIO } from '../../support/screenshot-compare.js';
import { SCREENSHOTS } from '../../support/guard-screen.js';

const CHECKPOINT: PosterCheckpoint = { checkpointId: 'cp-ke-toan', name: 'Phòng Kế toán — Tầng 3', kind: 'department', buildingName: 'Tòa nhà Ánh Dương', address: '12 Đường Trần Hưng Đạo, Quận Hoàn Kiếm, Hà Nội' };
const URL_OF = 'https://khaibao.example.vn/c/cp-ke-toan';

it('the PDF says every line of the layout, the PNG poster carries them too (baseline) with a QR of the URL', async () => {
  const lines = [...posterLayout(CHECKPOINT, URL_OF).above, ...posterLayout(CHECKPOINT, URL_OF).below].map((l) => l.text);
  assert.ok(lines.includes('Phòng Kế toán — Tầng 3') && lines.includes('Quét mã để khai báo y tế trước khi vào'));
  const texts = pdfTextCandidates(await renderPosterPdf(CHECKPOINT, URL_OF));
  for (const line of lines) assert.ok(texts.some((t) => t.includes(line)), `PDF: "${line}"`);

  const png = await renderPosterPng(CHECKPOINT, URL_OF);
  assert.deepEqual(await decodeQrImage(png), [URL_OF]);
  const actual = PNG.sync.read(png);
  assert.deepEqual([actual.width, actual.height], [1191, 1684], 'A4 at 2 px per point');
  // Ink above the QR (the title lines) — the PNG is not the QR alone.
  let inkAbove = 0;
  for (let y = 90; y < 500; y++) for (let x = 0; x < actual.width; x++) if (actual.data[(y * actual.width + x) * 4]! < 128) inkAbove++;
  assert.ok(inkAbove > 5_000, `text drawn above the QR (${inkAbove} dark pixels)`);

  const baseline = join(SCREENSHOTS, 'baseline', 'poster-png.png');
  if (process.env.UPDATE_SCREENSHOTS === '1') writeFileSync(baseline, png);
  assert.ok(existsSync(baseline), `no baseline ${baseline}: run with UPDATE_SCREENSHOTS=1, look at it, commit it`);
  const expected = PNG.sync.read(readFileSync(baseline));
  let different = 0;
  for (let i = 0; i < actual.data.length; i += 4) if (Math.abs(actual.data[i]! - expected.data[i]!) > CHANNEL_TOLERANCE) different++;
  assert.ok(different / (actual.width * actual.height) <= MAX_DIFFERENT_RATIO, `${different} pixels differ from the baseline poster`);
});
