/**
 * Doctor checks of the configured hardware, dry: device nodes and GPIO chips are looked for, nothing is opened or
 * switched (no relay fires); and of the clock, as the gate's own clock module sees it.
 */
import { existsSync } from 'node:fs';
import type { GateConfig } from '../config/load-config.js';
import { fixedClockSync, timedatectlProbe, type ClockSyncProbe } from '../platform/clock-sync.js';
import { fail, ok, skip, warn, type DoctorCheck } from './doctor-check.js';

export function checkScanners(config: GateConfig, devDir = '/dev'): DoctorCheck[] {
  return config.hardware.scanners.map((scanner): DoctorCheck => {
    const name = `scanner ${scanner.id}`;
    switch (scanner.kind) {
      case 'simulated':
        return ok(name, 'simulated');
      case 'serial':
        return existsSync(scanner.path)
          ? ok(name, `${scanner.path} present`)
          : fail(name, `${scanner.path} is not present`, {
              vi: `Cắm máy quét và kiểm tra cáp; liệt kê thiết bị: gate-terminal devices (ls ${devDir}/serial/by-id/), rồi sửa hardware.scanners[].path.`,
              en: `Plug in the scanner and check its cable; list devices: gate-terminal devices (ls ${devDir}/serial/by-id/), then fix hardware.scanners[].path.`,
            });
      case 'hid': {
        const path = scanner.match.path;
        if (path === undefined) return skip(name, 'HID scanner matched by USB id: run gate-terminal devices to see it');
        return existsSync(path)
          ? ok(name, `${path} present`)
          : fail(name, `${path} is not present`, { vi: 'Cắm máy quét; xem gate-terminal devices và sửa hardware.scanners[].match.', en: 'Plug in the scanner; see gate-terminal devices and fix hardware.scanners[].match.' });
      }
    }
  });
}

/** The GPIO chip every gpio-driven output or sensor needs (libgpiod driver: /dev/<chip>). */
export function checkGpio(config: GateConfig, devDir = '/dev'): DoctorCheck {
  const hw = config.hardware;
  const users = [hw.lights.kind, hw.buzzer.kind, hw.turnstile.kind, hw.turnstile.passageSensor?.kind].filter((k) => k === 'gpio').length;
  if (users === 0 || hw.gpio.driver === 'simulated') return skip('gpio', 'no GPIO line configured (simulated outputs)');
  if (hw.gpio.driver === 'sysfs') {
    return existsSync('/sys/class/gpio') ? ok('gpio', '/sys/class/gpio present') : fail('gpio', '/sys/class/gpio is not present', { vi: 'Kernel không có GPIO sysfs: dùng hardware.gpio.driver: libgpiod.', en: 'The kernel has no GPIO sysfs: use hardware.gpio.driver: libgpiod.' });
  }
  const chip = `${devDir}/${hw.gpio.chip}`;
  return existsSync(chip)
    ? ok('gpio', `${chip} present`)
    : fail('gpio', `${chip} is not present`, {
        vi: `Kiểm tra tên chip (ls ${devDir}/gpiochip*; gpioinfo) và sửa hardware.gpio.chip; trên Raspberry Pi 5 là gpiochip4 hoặc gpiochip0 tùy kernel.`,
        en: `Check the chip name (ls ${devDir}/gpiochip*; gpioinfo) and fix hardware.gpio.chip; on a Raspberry Pi 5 it is gpiochip4 or gpiochip0 depending on the kernel.`,
      });
}

export async function checkClock(config: GateConfig, probe?: ClockSyncProbe): Promise<DoctorCheck> {
  if (config.clock.sync === 'assume-synchronised') {
    await (probe ?? fixedClockSync(true))();
    return ok('clock', 'clock.sync: assume-synchronised (the config vouches for the clock)');
  }
  const synced = await (probe ?? timedatectlProbe())();
  return synced
    ? ok('clock', 'NTP synchronised (timedatectl)')
    : warn('clock', 'the system clock is not NTP-synchronised: the guard screen warns, the policy may review scans', {
        vi: 'Bật đồng bộ giờ: timedatectl set-ntp true; kiểm tra mạng tới máy chủ NTP (timedatectl timesync-status).',
        en: 'Turn on time sync: timedatectl set-ntp true; check the network to the NTP server (timedatectl timesync-status).',
      });
}
