/**
 * Syntax of packaging/udev/*.rules, by a small parser of the rules format (udev(7)): comma-separated
 * KEY[{attr}] OPERATOR "value" pairs, known keys only, match operators on match keys and assignment operators on
 * assignment keys, double-quoted values. Debian 12's udevadm has no `verify` and `udevadm test` reads only the system
 * rule folders, so the parser stands in; it is checked against broken lines too.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';

const rulesDir = join(import.meta.dirname, '..', '..', '..', 'packaging', 'udev');
const MATCH_KEYS = new Set(['ACTION', 'DEVPATH', 'KERNEL', 'KERNELS', 'NAME', 'SYMLINK', 'SUBSYSTEM', 'SUBSYSTEMS', 'DRIVER', 'DRIVERS', 'TAG', 'TAGS', 'TEST', 'PROGRAM', 'RESULT', 'CONST']);
const ASSIGN_KEYS = new Set(['NAME', 'SYMLINK', 'OWNER', 'GROUP', 'MODE', 'TAG', 'RUN', 'LABEL', 'GOTO', 'IMPORT', 'OPTIONS', 'SECLABEL', 'WAIT_FOR', 'PROGRAM']);
const ATTR_KEYS = new Set(['ATTR', 'ATTRS', 'ENV', 'SYSCTL', 'TEST', 'IMPORT', 'RUN', 'SECLABEL', 'CONST']);
const MATCH_OPS = new Set(['==', '!=']);
const ASSIGN_OPS = new Set(['=', '+=', '-=', ':=']);

export interface UdevPair {
  readonly key: string;
  readonly attr?: string;
  readonly op: string;
  readonly value: string;
}

/** Parses one rule line into its pairs; throws with the reason on a syntax error. */
export function parseUdevRule(line: string): UdevPair[] {
  const pairs: UdevPair[] = [];
  let rest = line.trim();
  const pair = /^([A-Z_]+)(?:\{([^{}]+)\})?\s*(==|!=|\+=|-=|:=|=)\s*"((?:[^"\\]|\\.)*)"\s*/;
  while (rest !== '') {
    const m = pair.exec(rest);
    if (!m) throw new Error(`cannot parse at: ${rest.slice(0, 40)}`);
    const [, key, attr, op, value] = m as unknown as [string, string, string | undefined, string, string];
    const isAttrKey = ATTR_KEYS.has(key);
    if (attr !== undefined && !isAttrKey) throw new Error(`${key} takes no {attribute}`);
    if (attr === undefined && ['ATTR', 'ATTRS', 'ENV', 'SYSCTL', 'CONST'].includes(key)) throw new Error(`${key} needs an {attribute}`);
    const matchable = MATCH_KEYS.has(key) || ['ATTR', 'ATTRS', 'ENV', 'SYSCTL', 'TEST'].includes(key);
    const assignable = ASSIGN_KEYS.has(key) || ['ATTR', 'ENV', 'SYSCTL', 'RUN', 'IMPORT', 'SECLABEL'].includes(key);
    if (!matchable && !assignable) throw new Error(`unknown key ${key}`);
    if (MATCH_OPS.has(op) && !matchable) throw new Error(`${key} cannot be matched (${op})`);
    if (ASSIGN_OPS.has(op) && !assignable) throw new Error(`${key} cannot be assigned (${op})`);
    pairs.push({ key, ...(attr !== undefined ? { attr } : {}), op, value });
    rest = rest.slice(m[0].length);
    if (rest === '') break;
    if (!rest.startsWith(',')) throw new Error(`expected "," before: ${rest.slice(0, 40)}`);
    rest = rest.slice(1).trim();
  }
  if (!pairs.some((p) => MATCH_OPS.has(p.op))) throw new Error('a rule without any match applies to every device');
  return pairs;
}

function ruleLines(file: string): string[] {
  return readFileSync(join(rulesDir, file), 'utf8')
    .replace(/\\\n/g, '')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
}

describe('udev rules', () => {
  const files = readdirSync(rulesDir).filter((f) => f.endsWith('.rules'));

  it('every rule of every file parses', () => {
    assert.deepEqual(files, ['60-gate-terminal.rules']);
    for (const file of files) {
      for (const line of ruleLines(file)) assert.doesNotThrow(() => parseUdevRule(line), `${file}: ${line}`);
    }
  });

  it('the parser refuses broken rules', () => {
    for (const bad of [
      'SUBSYSTEM=="tty", GROUP=dialout',
      'SUBSYSTEM=="tty" GROUP="dialout"',
      'SUBSYSTEMS="tty", GROUP="dialout"',
      'SUBSYSTEM=="tty", GROUP=="dialout"',
      'SUBSYSTEM=="tty", ATTRS=="0c2e"',
      'SUBSYSTEM=="tty", OWNR="gate"',
      'GROUP="gate"',
      'SUBSYSTEM=="tty", MODE="0660',
    ]) {
      assert.throws(() => parseUdevRule(bad), Error, bad);
    }
  });

  it('vendor ids are 4 lower-case hex digits; modes are octal; groups are the ones postinst provides', () => {
    const pairs = files.flatMap((f) => ruleLines(f).flatMap(parseUdevRule));
    for (const p of pairs.filter((p) => p.attr === 'idVendor' || p.attr === 'idProduct')) assert.match(p.value, /^[0-9a-f]{4}$/, `${p.attr}=${p.value}`);
    for (const p of pairs.filter((p) => p.key === 'MODE')) assert.match(p.value, /^0[0-7]{3}$/);
    for (const p of pairs.filter((p) => p.key === 'GROUP')) assert.ok(['dialout', 'plugdev', 'gpio', 'gate'].includes(p.value), p.value);
  });

  it('gives serial scanners the stable /dev/gate-scanner name, hidraw scanners and gpiochips a group', () => {
    const rules = files.flatMap((f) => ruleLines(f).map(parseUdevRule));
    const has = (pred: (pairs: UdevPair[]) => boolean) => rules.some(pred);
    assert.ok(has((r) => r.some((p) => p.key === 'SUBSYSTEM' && p.value === 'tty') && r.some((p) => p.key === 'SYMLINK' && p.op === '+=' && p.value === 'gate-scanner')));
    assert.ok(has((r) => r.some((p) => p.key === 'SUBSYSTEM' && p.value === 'hidraw') && r.some((p) => p.key === 'GROUP')));
    assert.ok(has((r) => r.some((p) => p.key === 'KERNEL' && p.value === 'gpiochip*') && r.some((p) => p.key === 'GROUP' && p.value === 'gpio')));
  });
});
