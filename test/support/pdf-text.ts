/**
 * The text of a PDF written with embedded (Identity-H) fonts, as pdfkit writes it, without poppler: streams are
 * inflated, each font's ToUnicode CMap is read, and the hex strings of the content streams are decoded with it.
 * Glyph ids of two fonts overlap, so the text is decoded once per CMap; the caller looks for its text in any of them
 * (a wrong CMap yields garbage, never the searched words).
 */
import { inflateSync } from 'node:zlib';

function streamsOf(pdf: Buffer): string[] {
  const out: string[] = [];
  const text = pdf.toString('latin1');
  const pattern = /(?<!end)stream\r?\n/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    const bytes = pdf.subarray(start, end);
    try {
      out.push(inflateSync(bytes).toString('latin1'));
    } catch {
      out.push(bytes.toString('latin1'));
    }
    pattern.lastIndex = end + 9;
  }
  return out;
}

const utf16 = (hex: string) => {
  const units = hex.replace(/\s+/g, '').match(/.{4}/g) ?? [];
  return String.fromCharCode(...units.map((u) => parseInt(u, 16)));
};

function cmapOf(stream: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of stream.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const line of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F\s]+>)/g)) {
      const first = parseInt(line[1]!, 16);
      const last = parseInt(line[2]!, 16);
      const target = line[3]!;
      if (target.startsWith('[')) [...target.matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach((m, i) => map.set(first + i, utf16(m[1]!)));
      else for (let code = first; code <= last; code++) map.set(code, utf16(target.slice(1, -1)).slice(0, -1) + String.fromCharCode(parseInt(target.slice(-5, -1), 16) + code - first));
    }
  }
  for (const block of stream.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const line of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) map.set(parseInt(line[1]!, 16), utf16(line[2]!));
  }
  return map;
}

/** One decoding of all the PDF's shown text per embedded font's CMap. */
export function pdfTextCandidates(pdf: Buffer): string[] {
  const streams = streamsOf(pdf);
  const cmaps = streams.filter((s) => s.includes('begincmap')).map(cmapOf);
  // One string per text-showing operator: the hex pieces of a TJ array (split only by kerning numbers) joined.
  const shown = streams.flatMap((s) => [...s.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]+)>\s*Tj/g)].map((m) => (m[1] ?? `<${m[2]!}>`).replace(/[^<]*<([0-9a-fA-F]+)>[^<]*/g, '$1')));
  return cmaps.map((cmap) => shown.map((hex) => (hex.match(/.{4}/g) ?? []).map((g) => cmap.get(parseInt(g, 16)) ?? '\uFFFD').join('')).join('\n'));
}
