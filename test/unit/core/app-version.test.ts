/**
 * The app version check: semver parsing and ordering (prereleases before releases), range matching (exact,
 * comparators, ^, ~, x-ranges, ||), and the terminal's verdict against a bundle's pin.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import fc from 'fast-check';
import { appUpdateText, checkAppVersion, compareSemVer, isValidVersionRange, parseSemVer, satisfiesRange } from '../../../core/index.js';

const ordered = ['0.0.0-dev', '0.1.0', '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1', '1.2.0', '1.10.0', '2.0.0'];

describe('semver', () => {
  it('parses versions and refuses what is not one', () => {
    assert.deepEqual(parseSemVer('1.4.2-rc.1+build.7'), { major: 1, minor: 4, patch: 2, prerelease: ['rc', 1] });
    assert.deepEqual(parseSemVer('v2.0.0'), { major: 2, minor: 0, patch: 0, prerelease: [] });
    for (const bad of ['1.4', '01.4.2', '1.4.2-', 'latest', '', '1.4.2 extra']) assert.equal(parseSemVer(bad), null, bad);
  });

  it('orders versions as semver.org §11 does', () => {
    for (let i = 0; i + 1 < ordered.length; i++) {
      assert.equal(compareSemVer(parseSemVer(ordered[i]!)!, parseSemVer(ordered[i + 1]!)!), -1, `${ordered[i]} < ${ordered[i + 1]}`);
      assert.equal(compareSemVer(parseSemVer(ordered[i + 1]!)!, parseSemVer(ordered[i]!)!), 1);
    }
  });

  it('ordering is antisymmetric and transitive over generated versions', () => {
    const version = fc.tuple(fc.nat(3), fc.nat(3), fc.nat(3), fc.constantFrom('', '-rc.1', '-rc.2', '-beta')).map(([a, b, c, p]) => `${a}.${b}.${c}${p}`);
    fc.assert(
      fc.property(version, version, version, (x, y, z) => {
        const [a, b, c] = [x, y, z].map((t) => parseSemVer(t)!);
        assert.equal(compareSemVer(a!, b!), -compareSemVer(b!, a!) || 0);
        if (compareSemVer(a!, b!) <= 0 && compareSemVer(b!, c!) <= 0) assert.ok(compareSemVer(a!, c!) <= 0);
      }),
    );
  });
});

describe('satisfiesRange', () => {
  const cases: [string, string, boolean][] = [
    ['1.4.2', '1.4.2', true],
    ['1.4.3', '1.4.2', false],
    ['1.4.2', '=1.4.2', true],
    ['1.4.3', '^1.4.0', true],
    ['1.9.0', '^1.4.0', true],
    ['2.0.0', '^1.4.0', false],
    ['1.3.9', '^1.4.0', false],
    ['0.1.5', '^0.1.0', true],
    ['0.2.0', '^0.1.0', false],
    ['1.4.9', '~1.4.0', true],
    ['1.5.0', '~1.4.0', false],
    ['1.4.0', '1.4.x', true],
    ['1.5.0', '1.4.x', false],
    ['1.9.9', '1.x', true],
    ['2.0.0', '1.x', false],
    ['7.1.2', '*', true],
    ['1.5.0', '>=1.4.0 <2.0.0', true],
    ['2.0.0', '>=1.4.0 <2.0.0', false],
    ['1.5.0', '>= 1.4.0 < 2.0.0', true],
    ['3.1.0', '^1.0.0 || ^3.0.0', true],
    ['2.1.0', '^1.0.0 || ^3.0.0', false],
    ['2.0.0-rc.1', '^1.4.0', false],
    ['1.5.0-rc.1', '^1.4.0', false],
    ['1.5.0-rc.2', '>=1.5.0-rc.1', true],
    ['1.5.0', '>=1.5.0-rc.1', true],
    ['0.0.0-dev', '>=0.1.0', false],
    ['not-a-version', '*', false],
    ['1.0.0', 'latest', false],
  ];
  for (const [version, range, expected] of cases) {
    it(`${version} ${expected ? 'satisfies' : 'does not satisfy'} "${range}"`, () => assert.equal(satisfiesRange(version, range), expected));
  }

  it('knows valid ranges from nonsense', () => {
    for (const ok of ['1.4.2', '^1.4.0', '>=1.4.0 <2.0.0', '1.x', '*', '^1.0.0 || ^2.0.0']) assert.ok(isValidVersionRange(ok), ok);
    for (const bad of ['', 'latest', '>=', '1.4.2 ||', '^^1.0.0', '1.4.2; rm -rf /']) assert.ok(!isValidVersionRange(bad), bad);
  });
});

describe('checkAppVersion', () => {
  it('requires an update only when a pin is set and not met, and says so in Vietnamese first', () => {
    assert.deepEqual(checkAppVersion('1.4.2', undefined), { running: '1.4.2', required: null, updateRequired: false });
    assert.deepEqual(checkAppVersion('1.4.2', '^1.4.0'), { running: '1.4.2', required: '^1.4.0', updateRequired: false });
    const outdated = checkAppVersion('1.3.0', '>=1.4.0');
    assert.equal(outdated.updateRequired, true);
    const text = appUpdateText(outdated);
    assert.match(text.vi, /^Cần cập nhật phần mềm: .*1\.3\.0.*>=1\.4\.0/);
    assert.match(text.en, /^Software update required: .*1\.3\.0.*>=1\.4\.0/);
  });
});
