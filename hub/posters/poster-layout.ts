/**
 * What a checkpoint poster says, once for both renderings (PDF to print, PNG to share): the lines above the QR and
 * the lines below it, with their size (points), weight and grey. Both renderers draw exactly these texts, so the PNG
 * carries the same words as the PDF.
 */
export interface PosterCheckpoint {
  readonly checkpointId: string;
  readonly name: string;
  readonly kind: 'building-door' | 'department';
  readonly buildingName: string;
  readonly address: string;
}

export interface PosterLine {
  readonly text: string;
  /** Font size in points. */
  readonly size: number;
  readonly bold: boolean;
  /** Grey level of the ink, #rrggbb with equal channels. */
  readonly color: string;
  /** Space above the line, in points. */
  readonly gapBefore: number;
}

export interface PosterLayout {
  readonly above: readonly PosterLine[];
  readonly below: readonly PosterLine[];
}

/** A4 portrait in points, the margin, and the QR's side. */
export const POSTER_PAGE = { width: 595.28, height: 841.89, margin: 48, qrSize: 330, qrGap: 24 } as const;

const line = (text: string, size: number, bold: boolean, color: string, gapBefore: number): PosterLine => ({ text, size, bold, color, gapBefore });

export function posterLayout(checkpoint: PosterCheckpoint, url: string): PosterLayout {
  const where = checkpoint.kind === 'department'
    ? `Bộ phận trong ${checkpoint.buildingName} · Department in ${checkpoint.buildingName}`
    : `${checkpoint.buildingName} · Cổng tòa nhà / Building door`;
  return {
    above: [
      line('ĐIỂM KIỂM SOÁT · CHECKPOINT', 16, false, '#444444', 0),
      line(checkpoint.name, 30, true, '#000000', 6),
      line(where, 14, false, '#000000', 4),
      ...(checkpoint.address ? [line(checkpoint.address, 13, false, '#333333', 3)] : []),
    ],
    below: [
      line('Quét mã để khai báo y tế trước khi vào', 17, true, '#000000', 0),
      line('Scan the code to make your health declaration before entering', 14, false, '#333333', 2),
      line(url, 11, false, '#555555', 11),
      line(`Mã điểm kiểm soát / Checkpoint id: ${checkpoint.checkpointId}`, 11, false, '#555555', 3),
    ],
  };
}
