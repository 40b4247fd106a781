/**
 * `gate-terminal dcc-conformance DIR`: runs the EU DCC conformance data (the dgc-testdata layout: one JSON file per
 * case, any folder depth) through the gate's own DCC steps and compares every EXPECTEDRESULTS flag.
 *
 * Output: one line per disagreement (`FAIL case FLAG: …`), per applied exception (`exception case FLAG: …`) and per
 * unknown flag name, `n/a case FLAG: …` where the case lacks the flag's input, then exactly `N passed, M failed, K not applicable`, counted per (case, flag) — see
 * ConformanceReport. Exit 1 when any flag failed. Exceptions (cases believed wrong upstream) come from a reviewed JSON file
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
  /** Where upstream acknowledges the data error (issue or pull request): an exception without one is refused. */
  readonly upstream: string;
}

/**
 * Counts are per (case, flag) pair: a flag `passed` when the gate's step agrees with it (or a reviewed exception
 * covers the disagreement), `failed` when it disagrees, and is `notApplicable` when the case lacks the flag's input
 * (no 2DCODE, no COSE, no VALIDATIONCLOCK…) or the flag is not one the upstream README defines — upstream runners
 * skip both alike. Unknown flag names are listed by name, so a misspelling upstream stays visible.
 */
export interface ConformanceReport {
  readonly lines: readonly string[];
  readonly passed: number;
  readonly failed: number;
  readonly notApplicable: number;
  readonly casesFailed: number;
  readonly exceptionsApplied: number;
  readonly unknownFlags: ReadonlyMap<string, number>;
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
    const { flag, cases, reason, upstream } = (e ?? {}) as Record<string, unknown>;
    const text = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
    if (typeof flag !== 'string' || !Array.isArray(cases) || !cases.every((c) => typeof c === 'string') || !text(reason) || !text(upstream)) {
      throw new UsageError(`${file}: exception ${i} needs a flag, a list of cases, a reason and its upstream reference`);
    }
    return { flag, cases: cases as string[], reason, upstream };
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
  const unknownFlags = new Map<string, number>();
  let [passed, failed, notApplicable, casesFailed, exceptionsApplied] = [0, 0, 0, 0, 0];
  for (const name of caseFiles(dir)) {
    let c;
    try {
      c = readCase(name, readFileSync(join(dir, name), 'utf8'));
    } catch (error) {
      if (!(error instanceof CaseFileError)) throw error;
      lines.push(`FAIL ${name}: unreadable case file: ${error.message}`);
      failed++;
      casesFailed++;
      continue;
    }
    let caseOk = true;
    for (const [flag, expected] of Object.entries(c.expected)) {
      const check = FLAG_CHECKS[flag];
      if (!check) unknownFlags.set(flag, (unknownFlags.get(flag) ?? 0) + 1);
      const outcome = check ? await check(c, { crypto }) : { untestable: 'not a flag the upstream README defines' };
      const reason = excused.get(`${name}\u0000${flag}`);
      if (!('actual' in outcome)) {
        // Not applicable: the case lacks the flag's input, or the flag is unknown. An exception for it is not needed.
        if (reason !== undefined) {
          lines.push(`FAIL ${name} ${flag}: stale exception, the flag is not applicable (${outcome.untestable}); remove it from the exceptions file`);
          [failed, caseOk] = [failed + 1, false];
        } else {
          notApplicable++;
          if (check) lines.push(`n/a ${name} ${flag}: ${outcome.untestable}`);
        }
        continue;
      }
      const agrees = typeof expected === 'boolean' && outcome.actual === expected;
      const what = describe(expected, `got ${outcome.actual} (${outcome.detail})`);
      if (reason !== undefined && agrees) {
        lines.push(`FAIL ${name} ${flag}: stale exception, the flag agrees now (${what}); remove it from the exceptions file`);
        [failed, caseOk] = [failed + 1, false];
      } else if (reason !== undefined) {
        lines.push(`exception ${name} ${flag}: ${what} — ${reason}`);
        [passed, exceptionsApplied] = [passed + 1, exceptionsApplied + 1];
      } else if (!agrees) {
        lines.push(`FAIL ${name} ${flag}: ${what}`);
        [failed, caseOk] = [failed + 1, false];
      } else passed++;
    }
    if (!caseOk) casesFailed++;
  }
  for (const [flag, count] of [...unknownFlags].sort()) lines.push(`unknown flag ${flag} in ${count} case(s): not defined by the upstream README, not applicable`);
  return { lines, passed, failed, notApplicable, casesFailed, exceptionsApplied, unknownFlags };
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
  process.stdout.write(`${report.casesFailed} case(s) with a failed flag; ${report.exceptionsApplied} exception(s) applied\n`);
  process.stdout.write(`${report.passed} passed, ${report.failed} failed, ${report.notApplicable} not applicable\n`);
  return report.failed > 0 ? 1 : 0;
}
