/**
 * `gate-terminal dcc-value-sets import FOLDER | status`: the deployment's EU DCC value sets from the hub machine's
 * command line, on the hub's store directly. `import` reads every value-set file of the folder with the terminal's own
 * parser; one broken file refuses the whole import, naming the file (exit 2), so nothing is half-imported. Each set of
 * the folder replaces the stored set of its id (sets the folder lacks stay); terminals use them from their next sync.
 */
import { parseArgs } from 'node:util';
import type { HubConfig } from '../config/hub-config.js';
import { openMigratedStore } from '../hub-app.js';
import { DccValueSetFolderError, readValueSetFolder } from '../service/dcc-value-set-import.js';
import { dccValueSetsVersion } from '../../core/index.js';

export class DccValueSetUsageError extends Error {}

export const DCC_VALUE_SETS_USAGE = `gate-terminal dcc-value-sets status [--config FILE]
gate-terminal dcc-value-sets import FOLDER [--config FILE]

The deployment's EU DCC value sets: every terminal receives them in its bundle and checks DCC codes against them from
its next sync (a terminal's own trust.dccValueSets folder takes precedence). At first start the hub stores the release
vendored with the app (vendor/ehn-dcc-valuesets).
  status   each stored set with its date and number of codes, and the version terminals receive.
  import   a folder of the EU's value-set JSON files (ehn-dcc-valuesets or your DGC gateway's download). Every file is
           checked first: one broken file refuses the whole import, naming it. Each set replaces the stored set of
           its id; sets the folder lacks stay.
Reference: docs/hub.md § DCC value sets.
`;

export async function dccValueSetsCommand(argv: string[], loadConfig: (path: string | undefined) => HubConfig, out: (text: string) => void = (t) => void process.stdout.write(t)): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { config: { type: 'string' } } });
  const [action, folder] = positionals;
  if (action !== 'status' && action !== 'import') throw new DccValueSetUsageError('dcc-value-sets: say status or import FOLDER');
  if (action === 'import' && !folder) throw new DccValueSetUsageError('dcc-value-sets import: the FOLDER to import is required');
  let sets: ReturnType<typeof readValueSetFolder> = [];
  if (action === 'import') {
    try {
      sets = readValueSetFolder(folder!);
    } catch (error) {
      if (error instanceof DccValueSetFolderError) throw new DccValueSetUsageError(`dcc-value-sets import ${folder}: nothing imported: ${error.message}`);
      throw error;
    }
  }
  const store = await openMigratedStore(loadConfig(values.config));
  try {
    if (action === 'import') {
      const changes = await store.dccValueSets.put(sets, Date.now());
      out(`${changes.added} added, ${changes.updated} updated, ${changes.unchanged} unchanged; version ${changes.version}\n`);
      out(changes.added + changes.updated > 0 ? 'terminals use the value sets from their next sync\n' : 'nothing changed\n');
      return 0;
    }
    const stored = await store.dccValueSets.list();
    for (const s of stored) out(`${s.id}\t${s.date}\t${s.codes.length} codes\timported ${new Date(s.importedAt).toISOString()}\n`);
    out(stored.length === 0 ? 'no value sets stored: terminals check no DCC codes (unless their own trust.dccValueSets)\n' : `${stored.length} value sets; version ${dccValueSetsVersion(stored)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
