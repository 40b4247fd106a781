/**
 * Reads a declaration file for `gate-terminal load-declarations`: JSON lines or CSV, one declaration per row, keyed by
 * an `idNumber` (hashed by the caller with the terminal's subject key — the clear number is never stored) or by a
 * precomputed `subjectRef` (hex). Every row is validated before anything is stored: one bad row refuses the whole
 * file with its line number, so a file is imported entirely or not at all.
 *
 *   {"idNumber":"001099012345","declaredAt":"2021-10-01T08:00:00+07:00","expiresAt":"2021-10-02T08:00:00+07:00","result":"clear"}
 *
 *   idNumber,declaredAt,expiresAt,result
 *   001099012345,2021-10-01T08:00:00+07:00,2021-10-02T08:00:00+07:00,clear
 *
 * Times are ISO 8601 with a zone offset (or Z), or epoch milliseconds.
 */
import { extname } from 'node:path';
import { z } from 'zod';
import type { DeclarationRecord } from './declaration-store.js';

export class DeclarationFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file}: nothing was imported:\n  ${problems.join('\n  ')}`);
    this.name = 'DeclarationFileError';
  }
}

/** A validated row; `idNumber` rows still carry the clear number until toDeclarationRecords hashes it. */
export type DeclarationRow = { readonly line: number; readonly declaredAt: number; readonly expiresAt: number; readonly result: DeclarationRecord['result'] } & (
  | { readonly idNumber: string }
  | { readonly subjectRef: string }
);

const MAX_PROBLEMS = 20;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** CMND (9 digits), CCCD (12 digits) or a passport number, after removing spaces and dashes (as identityRef does). */
export function normalisedIdNumber(value: string): string | undefined {
  const id = value.replace(/[\s-]/g, '').toUpperCase();
  return /^(\d{9}|\d{12}|(?=[0-9]*[A-Z])[A-Z0-9]{6,14})$/.test(id) ? id : undefined;
}

const time = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const ms = typeof value === 'number' || /^\d+$/.test(value) ? Number(value) : ISO_WITH_ZONE.test(value) ? Date.parse(value) : NaN;
  if (!Number.isSafeInteger(ms) || ms <= 0) {
    ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 time with a zone (e.g. 2021-10-01T08:00:00+07:00) or epoch milliseconds' });
    return z.NEVER;
  }
  return ms;
});

const rowSchema = z
  .strictObject({
    idNumber: z.string().optional(),
    subjectRef: z.string().optional(),
    declaredAt: time,
    expiresAt: time,
    result: z.enum(['clear', 'medical-check', 'isolate']),
  })
  .superRefine((row, ctx) => {
    if ((row.idNumber === undefined) === (row.subjectRef === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give exactly one of idNumber and subjectRef' });
    }
    // The value is not echoed: it is an ID number.
    if (row.idNumber !== undefined && !normalisedIdNumber(row.idNumber)) {
      ctx.addIssue({ code: 'custom', path: ['idNumber'], message: 'must be a CMND (9 digits), CCCD (12 digits) or passport number' });
    }
    if (row.subjectRef !== undefined && !/^([0-9a-fA-F]{2}){8,32}$/.test(row.subjectRef)) {
      ctx.addIssue({ code: 'custom', path: ['subjectRef'], message: 'must be 8–32 bytes of hex' });
    }
    if (row.expiresAt <= row.declaredAt) ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'must be after declaredAt' });
  });

function validateRow(line: number, raw: unknown): DeclarationRow | string {
  const parsed = rowSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return `line ${line}: ${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`;
  }
  const { idNumber, subjectRef, declaredAt, expiresAt, result } = parsed.data;
  return idNumber !== undefined
    ? { line, idNumber: normalisedIdNumber(idNumber)!, declaredAt, expiresAt, result }
    : { line, subjectRef: subjectRef!.toLowerCase(), declaredAt, expiresAt, result };
}

/** One CSV line: comma-separated, fields optionally in double quotes with "" for a quote (no line breaks inside). */
export function splitCsvLine(text: string): string[] | undefined {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      for (i++; ; i++) {
        if (i >= text.length) return undefined; // unterminated quote
        if (text[i] === '"' && text[i + 1] === '"') field += text[i++];
        else if (text[i] === '"') break;
        else field += text[i];
      }
      i++;
      if (i < text.length && text[i] !== ',') return undefined;
    } else {
      const end = text.indexOf(',', i);
      field = text.slice(i, end < 0 ? text.length : end);
      i = end < 0 ? text.length : end;
    }
    fields.push(field.trim());
    if (i >= text.length) return fields;
    i++; // the comma
  }
}

function csvRows(lines: readonly { line: number; text: string }[]): (DeclarationRow | string)[] {
  const [header, ...body] = lines;
  if (!header) return [];
  const columns = splitCsvLine(header.text) ?? [];
  const known = ['idNumber', 'subjectRef', 'declaredAt', 'expiresAt', 'result'];
  const unknown = columns.filter((c) => !known.includes(c));
  if (unknown.length > 0 || new Set(columns).size !== columns.length) {
    return [`line ${header.line}: the header must name the columns ${known.join(', ')} (idNumber or subjectRef), each once; found "${header.text}"`];
  }
  return body.map(({ line, text }) => {
    const fields = splitCsvLine(text);
    if (!fields || fields.length !== columns.length) return `line ${line}: expected ${columns.length} comma-separated fields`;
    // Empty cells are absent values, so a file may mix idNumber and subjectRef rows.
    return validateRow(line, Object.fromEntries(columns.flatMap((c, k) => (fields[k] === '' ? [] : [[c, fields[k]]]))));
  });
}

function jsonLineRows(lines: readonly { line: number; text: string }[]): (DeclarationRow | string)[] {
  return lines.map(({ line, text }) => {
    let raw: unknown;
    try {
      raw = JSON.parse(text) as unknown;
    } catch {
      return `line ${line}: not a JSON object`;
    }
    return validateRow(line, raw);
  });
}

/** Parses and validates the whole file; throws DeclarationFileError listing the bad rows (the first 20). */
export function parseDeclarationFile(file: string, text: string): DeclarationRow[] {
  const lines = text
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .map((t, k) => ({ line: k + 1, text: t.trim() }))
    .filter((l) => l.text !== '');
  if (lines.length === 0) throw new DeclarationFileError(file, ['the file holds no declarations']);
  const ext = extname(file).toLowerCase();
  const json = ext === '.jsonl' || ext === '.ndjson' || ext === '.json' || (ext !== '.csv' && lines[0]!.text.startsWith('{'));
  const results = json ? jsonLineRows(lines) : csvRows(lines);
  const problems = results.filter((r): r is string => typeof r === 'string');
  if (problems.length > 0) throw new DeclarationFileError(file, problems.slice(0, MAX_PROBLEMS));
  if (results.length === 0) throw new DeclarationFileError(file, ['the file holds a header but no declarations']);
  return results as DeclarationRow[];
}

/** Rows → stored records; `identityRef` is the terminal's CryptoPort.identityRef, so only the keyed hash is kept. */
export function toDeclarationRecords(rows: readonly DeclarationRow[], identityRef: (idNumber: string) => string): DeclarationRecord[] {
  return rows.map((row) => ({
    subjectRef: 'idNumber' in row ? identityRef(row.idNumber) : row.subjectRef,
    declaredAt: row.declaredAt,
    expiresAt: row.expiresAt,
    result: row.result,
  }));
}
