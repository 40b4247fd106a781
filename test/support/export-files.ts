/**
 * Reading exports back in tests: an RFC 4180 CSV parser (the BOM is checked, not skipped silently), and the text of
 * an XLSX file (a zip of XML parts), read with python3's zipfile, which Debian ships.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

export function parseCsv(body: Buffer): string[][] {
  assert.deepEqual([...body.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the CSV starts with the UTF-8 byte-order mark');
  const text = body.subarray(3).toString('utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

/** Every XML part of the workbook, concatenated, with XML entities decoded. */
export function xlsxText(body: Buffer): string {
  assert.equal(body.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX file is a zip');
  const script = 'import sys, zipfile, io\nz = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))\nsys.stdout.write("\\n".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")))';
  let xml: string;
  try {
    xml = execFileSync('python3', ['-c', script], { input: body, encoding: 'utf8' });
  } catch (error) {
    throw new Error(`reading the XLSX needs python3 (apt-get install -y python3): ${(error as Error).message}`);
  }
  return xml.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
