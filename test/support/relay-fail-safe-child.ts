/**
 * A host process in miniature for the fail-safe tests: builds the GPIO relay through the real composition root from
 * the config file given as argv[2] (fake gpiod tools come in through the environment), installs the fail-safe
 * handlers, then either releases the relay for a minute (`pulse`) or just arms it (`arm`: locked), prints READY with the
 * position and ends the way stdin tells it to.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createRelay, hardwareDrivers } from '../../main/composition/create-hardware.js';
import { validateConfig } from '../../main/config/load-config.js';
import { silentLogger } from '../../main/platform/logger.js';
import { installFailSafe } from '../../main/process/fail-safe.js';

const file = process.argv[2]!;
const config = validateConfig(file, JSON.parse(readFileSync(file, 'utf8')));
const relay = await createRelay(config, { committedSeq: () => 0, wallNow: Date.now }, hardwareDrivers(config));
installFailSafe([relay], silentLogger);
relay.arm();
if (process.argv[3] === 'pulse') relay.pulse(60_000);
process.stdout.write(`READY ${relay.state().position}\n`);

createInterface({ input: process.stdin }).on('line', (how) => {
  switch (how) {
    case 'throw':
      setTimeout(() => {
        throw new Error('a bug in the gate loop');
      }, 0);
      break;
    case 'reject':
      void Promise.reject(new Error('an unhandled rejection'));
      break;
    case 'exit':
      process.exit(3);
  }
});
