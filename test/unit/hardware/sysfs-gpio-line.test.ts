/**
 * The legacy sysfs driver: global numbers from chip base + offset (kernel ≥ 6.6 bases from 512, the Pi 5's RP1 chip),
 * levels through onoff's Gpio (a recording stand-in here), and a clear failure on this machine, which has no
 * /sys/class/gpio, through the real onoff.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'vitest';
import { readSysfsChips, SysfsGpio, sysfsNumber, type OnoffGpio, type OnoffGpioConstructor } from '../../../hardware/gpio/sysfs-gpio-line.js';
import { tempDir } from '../../support/paths.js';

function fakeSysfs(chips: { dir: string; base: number; ngpio: number; label: string }[]): string {
  const root = tempDir('sysfs');
  for (const c of chips) {
    mkdirSync(join(root, c.dir));
    writeFileSync(join(root, c.dir, 'base'), `${c.base}\n`);
    writeFileSync(join(root, c.dir, 'ngpio'), `${c.ngpio}\n`);
    writeFileSync(join(root, c.dir, 'label'), `${c.label}\n`);
  }
  mkdirSync(join(root, 'gpio529')); // an exported line: not a chip
  return root;
}

const PI4_KERNEL_6_6 = [
  { dir: 'gpiochip512', base: 512, ngpio: 58, label: 'pinctrl-bcm2711' },
  { dir: 'gpiochip570', base: 570, ngpio: 8, label: 'raspberrypi-exp-gpio' },
];
const PI5 = [
  { dir: 'gpiochip571', base: 571, ngpio: 54, label: 'pinctrl-rp1' },
  { dir: 'gpiochip512', base: 512, ngpio: 32, label: 'gpio-brcmstb@107d508500' },
];

test('sysfs numbers are chip base + offset, read from sysfs, never the bare BCM number', () => {
  const pi4 = readSysfsChips(fakeSysfs(PI4_KERNEL_6_6));
  assert.equal(sysfsNumber(pi4, { chip: 'pinctrl-bcm2711', offset: 17 }), 529);
  assert.equal(sysfsNumber(pi4, { chip: 'gpiochip570', offset: 2 }), 572);
  const pi5 = readSysfsChips(fakeSysfs(PI5));
  assert.equal(sysfsNumber(pi5, { chip: 'pinctrl-rp1', offset: 17 }), 588);
  assert.throws(() => sysfsNumber(pi5, { offset: 17 }), /ambiguous.*pinctrl-rp1 \(gpiochip571, base 571, 54 lines\)/);
  assert.throws(() => sysfsNumber(pi5, { chip: 'gpiochip0', offset: 17 }), /gpiochip0 is not in sysfs/);
  assert.throws(() => sysfsNumber(pi5, { chip: 'pinctrl-rp1', offset: 60 }), /beyond pinctrl-rp1's 54 lines/);
  assert.throws(() => sysfsNumber(pi5, { name: 'GPIO17' }), /cannot look up line names/);
});

test('lines through onoff: initial level at export, writes (sync and async) with active-low, edges from watch', async () => {
  const calls: string[] = [];
  let watcher: ((error: Error | null | undefined, value: 0 | 1) => void) | undefined;
  const FakeGpio = class implements OnoffGpio {
    constructor(
      readonly gpio: number,
      direction: string,
      edge?: string,
    ) {
      calls.push(`new ${gpio} ${direction}${edge ? ` ${edge}` : ''}`);
    }
    writeSync(value: 0 | 1) {
      calls.push(`writeSync ${this.gpio} ${value}`);
    }
    write(value: 0 | 1) {
      calls.push(`write ${this.gpio} ${value}`);
      return Promise.resolve();
    }
    readSync(): 0 | 1 {
      return 0;
    }
    watch(callback: (error: Error | null | undefined, value: 0 | 1) => void) {
      watcher = callback;
    }
    unexport() {
      calls.push(`unexport ${this.gpio}`);
    }
  } satisfies OnoffGpioConstructor;
  let now = 0;
  const sysfs = new SysfsGpio({ sysfsRoot: fakeSysfs(PI4_KERNEL_6_6), loadGpio: () => Promise.resolve(FakeGpio), now: () => now });
  const relay = await sysfs.output({ chip: 'pinctrl-bcm2711', offset: 26, activeLow: true }, { initial: 0, safe: 0, consumer: 'gate' });
  relay.write(1);
  relay.writeSync(0);
  relay.close();
  relay.close();
  const door = await sysfs.input({ chip: 'pinctrl-bcm2711', offset: 22 }, { debounceMs: 20, consumer: 'gate' });
  const edges: string[] = [];
  door.onEdge((e) => edges.push(e.edge));
  for (const [at, value] of [[100, 1], [105, 0], [200, 0], [300, 1]] as const) {
    now = at;
    watcher!(null, value);
  }
  assert.deepEqual(edges, ['rising', 'falling', 'rising']);
  assert.deepEqual(calls, ['new 538 high', 'write 538 0', 'writeSync 538 1', 'writeSync 538 1', 'unexport 538', 'new 534 in both']);
});

test('the real onoff path fails at start with the reason on a machine without GPIO sysfs', async () => {
  const sysfs = new SysfsGpio({ sysfsRoot: '/sys/class/gpio-absent-in-test' });
  await assert.rejects(sysfs.output({ chip: 'pinctrl-bcm2711', offset: 17 }, { initial: 0, safe: 0, consumer: 'gate' }), /no GPIO sysfs interface \(CONFIG_GPIO_SYSFS\); use hardware.gpio.driver: libgpiod/);
});
