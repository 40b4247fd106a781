/**
 * `gate-terminal dcc-conformance DIR`: runs the EU DCC conformance data (the dgc-testdata layout: one JSON file per
 * case, any folder depth) through the gate's own DCC steps and compares every EXPECTEDRESULTS flag.
 *
 * Output: one line per disagreement (`FAIL case FLAG: …`) and per applied exception (`exception case FLAG: …`), then
 * exactly `N passed, M failed` — a case passes when each of its flags agrees or is covered by an exception. Exit 1 when
 * any case failed. Exceptions (cases believed wrong upstream) come from a reviewed JSON file
 * (dcc-conformance-exceptions.json beside this module's sources, or --exceptions FILE); an exception whose flag
 * agrees after all is reported as stale and fails its case, so the list cannot silently outlive its reason.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import type { CryptoPort } from '../../core/index.js';
import { createNodeCryptoPort } from '../crypto/node-crypto-port.js';
import { appRoot } from './app-root.js';
import { CaseFileError, readCase } from './dcc-conformance-case.js';
import { FLAG_CHECKS } from './dcc-conformance-flags.js';
import { UsageError } from './decide-command.js';

export interface ConformanceException {
  readonly flag: string;
  readonly cases: readonly string[];
  readonly reason: string;
}

export interface ConformanceReport {
  readonly lines: readonly string[];
  readonly passed: number;
  readonly failed: number;
  readonly exceptionsApplied: number;
}

export function defaultExceptionsFile(): string {
  return join(appRoot(), 'main', 'cli', 'dcc-conformance-exceptions.json');
}

export function readExceptions(file: string): ConformanceException[] {
  let data: { exceptions?: unknown };
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as { exceptions?: unknown };
  } catch (error) {
    throw new UsageError(`exceptions file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (!Array.isArray(data.exceptions)) throw new UsageError(`${file}: must hold { "exceptions": [ { flag, cases, reason } ] }`);
  return data.exceptions.map((e: unknown, i) => {
    const { flag, cases, reason } = (e ?? {}) as Record<string, unknown>;
    if (typeof flag !== 'string' || !Array.isArray(cases) || !cases.every((c) => typeof c === 'string') || typeof reason !== 'string' || reason.trim() === '') {
      throw new UsageError(`${file}: exception ${i} needs a flag, a list of cases and a reason`);
    }
    return { flag, cases: cases as string[], reason };
  });
}

/** Every *.json under `dir`, as sorted paths relative to it with `/` separators. */
export function caseFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d).sort()) {
      const path = join(d, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith('.json')) out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

function describe(expected: unknown, got: string): string {
  return `expected ${JSON.stringify(expected)}, ${got}`;
}

export async function runDccConformance(dir: string, exceptions: readonly ConformanceException[], crypto: CryptoPort): Promise<ConformanceReport> {
  const excused = new Map<string, string>();
  for (const e of exceptions) for (const c of e.cases) excused.set(`${c}\u0000${e.flag}`, e.reason);
  const lines: string[] = [];
  let passed = 0;
  let exceptionsApplied = 0;
  const files = caseFiles(dir);
  for (const name of files) {
    let ok = true;
    let c;
    try {
      c = readCase(name, readFileSync(join(dir, name), 'utf8'));
    } catch (error) {
      if (!(error instanceof CaseFileError)) throw error;
      lines.push(`FAIL ${name}: unreadable case file: ${error.message}`);
      continue;
    }
    for (const [flag, expected] of Object.entries(c.expected)) {
      const check = FLAG_CHECKS[flag];
      const outcome = check ? await check(c, { crypto }) : { untestable: 'not a flag the upstream README defines' };
      const agrees = 'actual' in outcome && typeof expected === 'boolean' && outcome.actual === expected;
      const what = 'actual' in outcome ? describe(expected, `got ${outcome.actual} (${outcome.detail})`) : describe(expected, `not checkable: ${outcome.untestable}`);
      const reason = excused.get(`${name}\u0000${flag}`);
      if (reason !== undefined && agrees) {
        lines.push(`FAIL ${name} ${flag}: stale exception, the flag agrees now (${what}); remove it from the exceptions file`);
        ok = false;
      } else if (reason !== undefined) {
        lines.push(`exception ${name} ${flag}: ${what} — ${reason}`);
        exceptionsApplied++;
      } else if (!agrees) {
        lines.push(`FAIL ${name} ${flag}: ${what}`);
        ok = false;
      }
    }
    if (ok) passed++;
  }
  return { lines, passed, failed: files.length - passed, exceptionsApplied };
}

export async function commandDccConformance(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { exceptions: { type: 'string' } }, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError('dcc-conformance: give exactly one folder of conformance cases');
  const dir = resolve(positionals[0]!);
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`dcc-conformance: ${dir} is not a folder`);
  const exceptions = readExceptions(values.exceptions ?? defaultExceptionsFile());
  // The subject key only feeds keyed hashes no flag looks at: a random one will do.
  const report = await runDccConformance(dir, exceptions, createNodeCryptoPort(randomBytes(32)));
  for (const line of report.lines) process.stdout.write(line + '\n');
  process.stdout.write(`${report.passed} passed, ${report.failed} failed\n`);
  return report.failed > 0 ? 1 : 0;
}
