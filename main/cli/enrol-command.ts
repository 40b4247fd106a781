/**
 * `gate-terminal enrol --token T [--config FILE] [--force]`: enrols this terminal with the hub of its config
 * (`hub.url`) using a one-time token from the hub admin, and stores the identity in the data dir. A running host
 * picks it up within seconds; the register's undelivered entries then go to the hub.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load-config.js';
import { systemClock } from '../platform/clock.js';
import { openDatabase } from '../storage/open-database.js';
import { enrolAndResetOutbox } from '../sync/enrol-and-reset.js';
import { SyncError } from '../sync/sync-failure.js';
import { UsageError } from './decide-command.js';

export const ENROL_USAGE = `  gate-terminal enrol --token TOKEN [--config FILE] [--force]
                                                      enrol this terminal with the hub in its config (hub.url)
`;

export async function commandEnrol(argv: string[], defaultConfig: string): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { config: { type: 'string' }, token: { type: 'string' }, force: { type: 'boolean' } } });
  if (!values.token) throw new UsageError('enrol: --token TOKEN is required (ask the hub admin: gate-terminal create-enrolment-token)');
  const config = loadConfig(values.config ?? defaultConfig);
  if (!config.hub) throw new UsageError(`enrol: the config ${config.source} has no hub section (hub.url)`);
  const db = openDatabase(join(config.storage.dataDir, 'register.sqlite'));
  try {
    const { identity, firstSeq } = await enrolAndResetOutbox(db, { ...config, hub: config.hub }, values.token, { clock: systemClock(), force: values.force ?? false });
    process.stdout.write(`HUB_TERMINAL_ID=${identity.terminalId}\n`);
    process.stdout.write(
      `enrolled as ${identity.terminalId} at ${identity.hubUrl}: checkpoint ${identity.checkpointId} ("${identity.checkpointName}"), ` +
        `building ${identity.buildingId} ("${identity.buildingName}"); entries from seq ${firstSeq} on go to the hub\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof SyncError)) throw error;
    process.stderr.write(`gate-terminal: enrol refused: ${error.hubCode ?? error.code}: ${error.message}\n`);
    return 1;
  } finally {
    db.close();
  }
}
