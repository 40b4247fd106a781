/**
 * The guard screen draws its text only with the font it ships (Noto Sans: Vietnamese, Latin and Latin Extended
 * subsets, renderer/styles.css @font-face) — a kiosk's own fonts may lack a glyph and paint an empty box, as ✓, ⚙,
 * 📱 and ⏱ did. So every character in the screen's code and texts (comments aside) must lie in the unicode-range of
 * one of the shipped faces; symbols are inline SVG (renderer/components/icons.tsx).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'vitest';
import { ROOT } from '../../support/paths.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** The code points the shipped faces cover, from the stylesheet's unicode-range descriptors. */
function shippedRanges(): [number, number][] {
  const css = readFileSync(join(ROOT, 'renderer', 'styles.css'), 'utf8');
  const faces = [...css.matchAll(/@font-face\s*{[^}]*}/g)].map((m) => m[0]);
  assert.equal(faces.length, 3, 'three @font-face rules (vietnamese, latin-ext, latin)');
  return faces.flatMap((face) => {
    assert.match(face, /src: url\('fonts\/noto-sans-[a-z-]+-wght-normal\.woff2'\)/, 'served from the host, not a CDN');
    const range = /unicode-range:([^;]+);/.exec(face)![1]!;
    return range.split(',').map((part): [number, number] => {
      const [from, to] = part.trim().replace(/^U\+/, '').split('-');
      return [parseInt(from!, 16), parseInt(to ?? from!, 16)];
    });
  });
}

const withoutComments = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '').replace(/\{\/\*[\s\S]*?\*\/\}/g, '');

test('every character the guard screen can show is in the shipped font (no symbol glyphs, no emoji)', () => {
  const ranges = shippedRanges();
  const covered = (cp: number) => ranges.some(([from, to]) => cp >= from && cp <= to);
  const sources = [...files(join(ROOT, 'renderer')), ...['reason-texts.ts', 'refusal-texts.ts', 'override.ts', 'paper-declaration.ts', 'result-text.ts'].map((f) => join(ROOT, 'core', f))];
  const missing: string[] = [];
  for (const path of sources) {
    for (const char of new Set(withoutComments(readFileSync(path, 'utf8')))) {
      const cp = char.codePointAt(0)!;
      if (cp > 0x7e && !covered(cp)) missing.push(`${relative(ROOT, path)}: ${char} U+${cp.toString(16).toUpperCase().padStart(4, '0')}`);
    }
  }
  assert.deepEqual(missing, []);
});
