/**
 * `gate-terminal dcc-signers list | import FILE [--format json|pem] | remove (--kid KID | --id SIGNER_ID)`: the DCC
 * trust list from the hub machine's command line, on the hub's store directly (the admin web and the admin API do the
 * same: hub/service/dcc-trust-list.ts). An import prints each refused certificate with its reason and exits 0 when
 * at least one certificate was accepted or none was refused, 1 when every certificate was refused; a file that is no
 * trust list exits 2. Terminals pick every change up at their next sync.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { HubConfig } from '../config/hub-config.js';
import { openMigratedStore } from '../hub-app.js';
import { refusalText } from '../service/dcc-signer-check.js';
import { importSummary, importTrustList } from '../service/dcc-trust-list.js';
import { TrustListFormatError } from '../service/dcc-trust-list-formats.js';

export class DccSignerUsageError extends Error {}

export const DCC_SIGNERS_USAGE = `gate-terminal dcc-signers list [--config FILE]
gate-terminal dcc-signers import FILE [--format json|pem] [--config FILE]
gate-terminal dcc-signers remove (--kid KID | --id SIGNER_ID) [--config FILE]

The deployment's EU DCC trust list: every terminal receives it in its bundle and uses it from its next sync.
  import   a national backend's list: JSON (array of { kid, country, certificate | rawData }, { certificates: [...] }
           or a map kid → certificate) or a PEM bundle; the format is detected unless --format says it. Each
           certificate is checked (EC P-256 or RSA ≥ 2048 bits, DCC key usage, not expired); a bad one is listed
           with its reason and the others are imported.
  remove   by kid (every certificate with that kid, hex) or by signer id (the SHA-256 that list prints).
Reference: docs/hub.md § DCC trust list.
`;

export async function dccSignersCommand(argv: string[], loadConfig: (path: string | undefined) => HubConfig, out: (text: string) => void = (t) => void process.stdout.write(t)): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { config: { type: 'string' }, format: { type: 'string' }, kid: { type: 'string' }, id: { type: 'string' } } });
  const [action, file] = positionals;
  if (action !== 'list' && action !== 'import' && action !== 'remove') throw new DccSignerUsageError('dcc-signers: say list, import FILE or remove --kid KID');
  if (action === 'import' && !file) throw new DccSignerUsageError('dcc-signers import: the FILE to import is required');
  if (values.format !== undefined && values.format !== 'json' && values.format !== 'pem') throw new DccSignerUsageError('dcc-signers import: --format is json or pem');
  if (action === 'remove' && !values.kid === !values.id) throw new DccSignerUsageError('dcc-signers remove: give --kid KID or --id SIGNER_ID');
  const text = action === 'import' ? readFileSync(file!, 'utf8') : '';
  const store = await openMigratedStore(loadConfig(values.config));
  try {
    if (action === 'list') {
      const signers = await store.dccSigners.list();
      for (const s of signers) {
        out(`${s.country}\t${s.kid}\t${s.keyType}\t${new Date(s.notAfter).toISOString().slice(0, 10)}\t${s.signerId}\t${s.subject}\n`);
      }
      out(`${signers.length} DCC signers\n`);
      return 0;
    }
    if (action === 'remove') {
      const ids = values.id ? [values.id] : (await store.dccSigners.list()).filter((s) => s.kid === values.kid!.toLowerCase()).map((s) => s.signerId);
      const removed = ids.length === 0 ? 0 : await store.dccSigners.remove(ids);
      out(`${removed} DCC signer(s) removed; terminals refuse their DCCs from their next sync\n`);
      return removed > 0 ? 0 : 1;
    }
    try {
      const result = await importTrustList(store.dccSigners, text, values.format as 'json' | 'pem' | undefined, Date.now());
      for (const r of result.refused) out(`refused ${refusalText(r)}\n`);
      out(`${importSummary(result)} (${result.format}); terminals use the list from their next sync\n`);
      return result.accepted.length === 0 && result.refused.length > 0 ? 1 : 0;
    } catch (error) {
      if (error instanceof TrustListFormatError) throw new DccSignerUsageError(`dcc-signers import ${file}: ${error.message}`);
      throw error;
    }
  } finally {
    await store.close();
  }
}
