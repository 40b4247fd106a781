/**
 * Finding an enrolment token in what a person hands the terminal: a scanned QR, pasted text (also a whole
 * `create-enrolment-token` output with its `ENROLMENT_TOKEN=` line), or an `enroll.json` from a USB stick
 * (`{ "token": "GTE1.…" }`, or the bare token). The format is the hub's (hub/service/enrolment.ts): GTE1.<16 hex>.<43
 * base64url>; the hub re-checks it, this only turns obvious mistakes into a clear message without a network call.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const TOKEN_IN_TEXT = /GTE1\.[0-9a-f]{16}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/;

export const ENROL_FILE = 'enroll.json';

export function findEnrolmentToken(text: string): string | undefined {
  return TOKEN_IN_TEXT.exec(text)?.[0];
}

/** The token of an enroll.json's contents, or undefined when it holds none. */
export function tokenOfEnrolFile(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { token?: unknown }).token === 'string') {
      return findEnrolmentToken((parsed as { token: string }).token);
    }
  } catch {
    // not JSON: a file holding the bare token (as the CLI prints it) is accepted too
  }
  return findEnrolmentToken(text);
}

/** Folders matching `pattern`, where each `*` segment matches one folder level (no other glob syntax). */
export function expandMountPattern(pattern: string, readDir: (dir: string) => string[]): string[] {
  const segments = pattern.split('/').filter(Boolean);
  let dirs = [pattern.startsWith('/') ? '/' : '.'];
  for (const segment of segments) {
    const next: string[] = [];
    for (const dir of dirs) {
      if (segment !== '*') {
        next.push(join(dir, segment));
        continue;
      }
      let names: string[] = [];
      try {
        names = readDir(dir);
      } catch {
        // missing or unreadable folder: nothing mounted there
      }
      for (const name of names) {
        const path = join(dir, name);
        try {
          if (statSync(path).isDirectory()) next.push(path);
        } catch {
          // vanished meanwhile (stick pulled)
        }
      }
    }
    dirs = next;
  }
  return dirs;
}

export interface FoundEnrolFile {
  readonly path: string;
  /** Changes when the file is replaced, so a corrected file is tried again. */
  readonly version: string;
  readonly text: string;
}

export function readEnrolFile(dir: string): FoundEnrolFile | undefined {
  const path = join(dir, ENROL_FILE);
  try {
    const stat = statSync(path);
    if (!stat.isFile() || stat.size > 64 * 1024) return undefined;
    return { path, version: `${stat.mtimeMs}:${stat.size}`, text: readFileSync(path, 'utf8') };
  } catch {
    return undefined;
  }
}
