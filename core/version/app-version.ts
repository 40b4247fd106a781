/**
 * The app version pin a hub can put in a terminal's bundle (`appVersion`), and the check the terminal makes against
 * its own version. Pure: semantic versions (MAJOR.MINOR.PATCH[-prerelease][+build]) and npm-style ranges:
 * exact `1.4.2` (or `=1.4.2`), comparators `>=1.4.0 <2.0.0` (space = and), `^1.4.0`, `~1.4.0`, `1.4.x` / `1.x` / `*`,
 * alternatives joined by `||`. A prerelease (1.5.0-rc.1) sorts before its release and satisfies a range only when a
 * comparator names a prerelease of the same MAJOR.MINOR.PATCH, as in npm's semver.
 */
export interface SemVer {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly prerelease: readonly (string | number)[];
}

const VERSION = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

export function parseSemVer(text: string): SemVer | null {
  const m = VERSION.exec(text.trim());
  if (!m) return null;
  const prerelease = m[4] ? m[4].split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) : [];
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), prerelease };
}

export function compareSemVer(a: SemVer, b: SemVer): number {
  for (const k of ['major', 'minor', 'patch'] as const) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  if (a.prerelease.length === 0 || b.prerelease.length === 0) return Math.sign(b.prerelease.length - a.prerelease.length) || 0;
  for (let i = 0; i < Math.max(a.prerelease.length, b.prerelease.length); i++) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x < y ? -1 : 1;
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

type Op = '<' | '<=' | '>' | '>=' | '=';
interface Comparator {
  readonly op: Op;
  readonly version: SemVer;
}

const v = (major: number, minor: number, patch: number, prerelease: readonly (string | number)[] = []): SemVer => ({ major, minor, patch, prerelease });

/** One space-separated term → comparators; null when it is not a version, wildcard, ^, ~ or comparator. */
function parseTerm(term: string): Comparator[] | null {
  if (term === '*' || term === 'x' || term === 'X') return [];
  const partial = /^(0|[1-9]\d*)(?:\.(0|[1-9]\d*|[xX*]))?(?:\.(0|[1-9]\d*|[xX*]))?$/.exec(term);
  if (partial && (partial[2] === undefined || partial[3] === undefined || /[xX*]/.test(partial[2] + partial[3]))) {
    const major = Number(partial[1]);
    const minor = partial[2] === undefined || /[xX*]/.test(partial[2]) ? undefined : Number(partial[2]);
    if (minor === undefined) return [{ op: '>=', version: v(major, 0, 0) }, { op: '<', version: v(major + 1, 0, 0, [0]) }];
    return [{ op: '>=', version: v(major, minor, 0) }, { op: '<', version: v(major, minor + 1, 0, [0]) }];
  }
  const m = /^(\^|~|<=|>=|<|>|=)?(.+)$/.exec(term);
  const version = m && parseSemVer(m[2]!);
  if (!m || !version) return null;
  const { major, minor, patch } = version;
  switch (m[1]) {
    case '^': {
      const upper = major > 0 ? v(major + 1, 0, 0, [0]) : minor > 0 ? v(0, minor + 1, 0, [0]) : v(0, 0, patch + 1, [0]);
      return [{ op: '>=', version }, { op: '<', version: upper }];
    }
    case '~':
      return [{ op: '>=', version }, { op: '<', version: v(major, minor + 1, 0, [0]) }];
    case undefined:
      return [{ op: '=', version }];
    default:
      return [{ op: m[1] as Op, version }];
  }
}

/** The range as alternatives of comparator sets, or null when it does not parse. */
function parseRange(range: string): Comparator[][] | null {
  const sets: Comparator[][] = [];
  for (const alternative of range.split('||')) {
    const terms = alternative.trim().replace(/(<=|>=|<|>|=|\^|~)\s+/g, '$1').split(/\s+/).filter((t) => t !== '');
    if (terms.length === 0) return null;
    const set: Comparator[] = [];
    for (const term of terms) {
      const comparators = parseTerm(term);
      if (!comparators) return null;
      set.push(...comparators);
    }
    sets.push(set);
  }
  return sets;
}

export function isValidVersionRange(range: string): boolean {
  return range.length <= 200 && parseRange(range) !== null;
}

function holds(c: Comparator, version: SemVer): boolean {
  const order = compareSemVer(version, c.version);
  return { '<': order < 0, '<=': order <= 0, '>': order > 0, '>=': order >= 0, '=': order === 0 }[c.op];
}

/** Whether `version` satisfies `range`; false for an unparsable version or range. */
export function satisfiesRange(version: string, range: string): boolean {
  const parsed = parseSemVer(version);
  const sets = parseRange(range);
  if (!parsed || !sets) return false;
  return sets.some((set) => {
    if (!set.every((c) => holds(c, parsed))) return false;
    if (parsed.prerelease.length === 0) return true;
    // The "< next-major-0" upper bounds built above name prerelease 0 only to sort; they do not opt in.
    return set.some((c) => c.version.prerelease.length > 0 && c.version.prerelease[0] !== 0 && c.version.major === parsed.major && c.version.minor === parsed.minor && c.version.patch === parsed.patch);
  });
}

export interface AppVersionCheck {
  readonly running: string;
  /** The pin of the bundle in force, or null when the hub pins nothing. */
  readonly required: string | null;
  readonly updateRequired: boolean;
}

export function checkAppVersion(running: string, pin: string | null | undefined): AppVersionCheck {
  if (pin === null || pin === undefined || pin.trim() === '') return { running, required: null, updateRequired: false };
  return { running, required: pin, updateRequired: !satisfiesRange(running, pin) };
}

/** The status line of the guard screen and the settings screen, Vietnamese first. */
export function appUpdateText(check: AppVersionCheck): { readonly vi: string; readonly en: string } {
  return {
    vi: `Cần cập nhật phần mềm: máy đang chạy bản ${check.running}, trung tâm yêu cầu ${check.required ?? '—'}. Báo bộ phận IT cập nhật (apt upgrade).`,
    en: `Software update required: this terminal runs ${check.running}, the hub requires ${check.required ?? '—'}. Ask IT to update it (apt upgrade).`,
  };
}
