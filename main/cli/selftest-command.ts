/**
 * `gate-terminal selftest`: exercises the configured hardware — a read from every scanner, each lamp, the buzzer, a
 * relay click, the passage sensor — and prints a pass / fail table (exit 1 when a step failed). Run it with the
 * terminal service stopped: the devices can be held by one process only.
 * `gate-terminal selftest --hash-pin PIN` (kept for scripts) prints only the hash, the value of
 * `hardware.selfTest.pinHash`; `gate-terminal set-pin` (./set-pin-command.ts) writes it into the config itself.
 */
import { parseArgs } from 'node:util';
import { createHardware, createRelay, hardwareDrivers } from '../composition/create-hardware.js';
import { loadConfig } from '../config/load-config.js';
import { installFailSafe } from '../process/fail-safe.js';
import { createLogger } from '../platform/logger.js';
import { formatSelfTestTable, runSelfTest } from '../selftest/self-test.js';
import { hashPin } from '../selftest/settings-pin.js';
import { UsageError } from './decide-command.js';

export async function commandSelfTest(argv: string[], defaultConfig: string): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { config: { type: 'string' }, 'scan-timeout': { type: 'string' }, 'hash-pin': { type: 'string' } } });
  if (values['hash-pin'] !== undefined) {
    if (!/^[0-9]{4,12}$/.test(values['hash-pin'])) throw new UsageError('--hash-pin: the PIN must be 4 to 12 digits');
    process.stdout.write(`${hashPin(values['hash-pin'])}\n`);
    process.stderr.write('the value of hardware.selfTest.pinHash; gate-terminal set-pin --config FILE writes it into the config for you\n');
    return 0;
  }
  const config = loadConfig(values.config ?? defaultConfig);
  const timeout = values['scan-timeout'] !== undefined ? Number(values['scan-timeout']) : config.hardware.selfTest.scanTimeoutSeconds;
  if (!(timeout > 0)) throw new UsageError('--scan-timeout must be a positive number of seconds');
  const logger = createLogger('selftest');
  const drivers = hardwareDrivers(config);
  const relay = await createRelay(config, { committedSeq: () => 0, wallNow: Date.now }, drivers);
  const uninstall = installFailSafe([relay], logger);
  let hardware: Awaited<ReturnType<typeof createHardware>> | undefined;
  try {
    hardware = await createHardware(config, relay, drivers);
    for (const scanner of hardware.scanners) await scanner.start();
    relay.arm();
    process.stdout.write(`gate-terminal selftest: ${config.terminal.id} (${config.source})\n`);
    const steps = await runSelfTest(
      { ...hardware, simulatedOutputs: hardware.simulated !== undefined },
      {
        scanTimeoutMs: timeout * 1000,
        prompt: (text) => process.stdout.write(`>>> ${text}\n`),
        onProgress: (s) => {
          const done = s.filter((x) => x.result !== 'pending' && x.result !== 'running').at(-1);
          const running = s.find((x) => x.result === 'running');
          if (running) process.stdout.write(`... ${running.name}\n`);
          else if (done) process.stdout.write(`    ${done.result}\n`);
        },
      },
    );
    process.stdout.write('\n' + formatSelfTestTable(steps));
    const failed = steps.filter((s) => s.result === 'fail').length;
    const manual = steps.filter((s) => s.result === 'manual').length;
    process.stdout.write(`\n${failed === 0 ? 'PASS' : `FAIL (${failed} step(s))`}${manual > 0 ? ` — ${manual} step(s) need your eyes and ears (CHECK)` : ''}\n`);
    return failed === 0 ? 0 : 1;
  } finally {
    for (const scanner of hardware?.scanners ?? []) await scanner.stop();
    hardware?.lights.close();
    hardware?.buzzer.close();
    hardware?.passageSensor?.close();
    relay.close();
    uninstall();
  }
}
