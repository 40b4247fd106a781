/**
 * The TrueType font embedded in checkpoint posters. PDF's standard fonts have no Vietnamese diacritics (ờ, ữ, ệ …),
 * so a Unicode TTF is embedded (subset by pdfkit). DejaVu Sans comes with Debian's fonts-dejavu-core; Liberation Sans
 * (fonts-liberation) also covers Vietnamese. Missing both is an installation error that names the package to install.
 */
import { existsSync } from 'node:fs';

export interface PosterFonts {
  readonly regular: string;
  readonly bold: string;
}

const CANDIDATES: readonly PosterFonts[] = [
  { regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf' },
  { regular: '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf', bold: '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf' },
];

export const POSTER_FONT_INSTALL = 'apt-get install -y fonts-dejavu-core';

export class PosterFontMissing extends Error {
  constructor() {
    super(`no font with Vietnamese glyphs for posters (looked for ${CANDIDATES.map((c) => c.regular).join(', ')}); install one: ${POSTER_FONT_INSTALL}`);
    this.name = 'PosterFontMissing';
  }
}

/** The first installed candidate; `GATE_POSTER_FONT` / `GATE_POSTER_FONT_BOLD` name another TTF. */
export function findPosterFonts(env: NodeJS.ProcessEnv = process.env): PosterFonts {
  if (env.GATE_POSTER_FONT && existsSync(env.GATE_POSTER_FONT)) {
    return { regular: env.GATE_POSTER_FONT, bold: env.GATE_POSTER_FONT_BOLD && existsSync(env.GATE_POSTER_FONT_BOLD) ? env.GATE_POSTER_FONT_BOLD : env.GATE_POSTER_FONT };
  }
  const found = CANDIDATES.find((c) => existsSync(c.regular) && existsSync(c.bold));
  if (!found) throw new PosterFontMissing();
  return found;
}
