/**
 * EU DCC value sets on the hub: reading a folder of the EU's value-set files (ehn-dcc-valuesets, or a member state's
 * DGC gateway download) with the terminal's parser (core dccValueSetFilesOf: every `.json` file that looks like a value
 * set must read, or the whole folder is refused naming the file — nothing is half-imported), and the first-start seed
 * from the release vendored with the app (vendor/ehn-dcc-valuesets, shipped in the repository and in the packages).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dccValueSetFilesOf, valueSetCodesOf, type DccValueSetCodes } from '../../core/index.js';
import type { HubLogger } from '../hub-logger.js';
import type { HubStore } from '../storage/hub-store.js';
import type { DccValueSetChanges } from '../storage/dcc-value-set-store.js';

/** A folder that is not a usable set of value-set files; the message names the file and the problem. */
export class DccValueSetFolderError extends Error {}

/** The value sets of a folder, each reduced to id, date and codes; throws DccValueSetFolderError. */
export function readValueSetFolder(folder: string): DccValueSetCodes[] {
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    throw new DccValueSetFolderError(`cannot read the value-set folder ${folder}: ${(error as Error).message}`);
  }
  const files = names.map((name) => {
    try {
      return { name, text: readFileSync(join(folder, name), 'utf8') };
    } catch (error) {
      throw new DccValueSetFolderError(`${name}: cannot read: ${(error as Error).message}`);
    }
  });
  try {
    return dccValueSetFilesOf(files).map(valueSetCodesOf);
  } catch (error) {
    throw new DccValueSetFolderError((error as Error).message);
  }
}

/** vendor/ehn-dcc-valuesets of the installed app: found from hub/service/ (sources) or dist/ (bundle). */
export function vendoredValueSetsFolder(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'gate-terminal') {
      const folder = join(dir, 'vendor', 'ehn-dcc-valuesets');
      return existsSync(folder) ? folder : undefined;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * First start: when the store holds no value set, stores the vendored release's. A hub without the vendored folder
 * (or with a broken one) starts all the same, logging why; its terminals then check no codes until an import.
 */
export async function seedDccValueSets(store: Pick<HubStore, 'dccValueSets'>, logger: Pick<HubLogger, 'info' | 'warn'>, now: number, folder = vendoredValueSetsFolder()): Promise<DccValueSetChanges | undefined> {
  if (!folder) {
    logger.warn('dcc-value-sets-not-seeded', { reason: 'vendor/ehn-dcc-valuesets not found next to the app' });
    return undefined;
  }
  let sets: DccValueSetCodes[];
  try {
    sets = readValueSetFolder(folder);
  } catch (error) {
    logger.warn('dcc-value-sets-not-seeded', { folder, reason: (error as Error).message });
    return undefined;
  }
  const seeded = await store.dccValueSets.seedIfEmpty(sets, now);
  if (seeded) logger.info('dcc-value-sets-seeded', { folder, version: seeded.version });
  return seeded;
}
