/**
 * The EU DCC value sets (`trust.dccValueSets`): a folder holding the value-set JSON files as the EU publishes them
 * (ehn-dcc-valuesets on GitHub, or the member state's DGC gateway download), one set per file. Files that are not
 * value sets (README, CHANGELOG, the encoding-instructions file) are passed over; a `.json` file that looks like a value
 * set but cannot be read is refused with its name — a half-read set would send valid certificates to review for a
 * reason nobody could see. Which sets were loaded, with their dates, is the `version` (`doctor` prints it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dccValueSetFilesOf, dccValueSetsOf, type DccValueSets, type DccValueSetFolderFile } from '../../core/index.js';

export class DccValueSetError extends Error {}

export function loadDccValueSets(folder: string): DccValueSets {
  let files: DccValueSetFolderFile[];
  try {
    files = readdirSync(folder)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => ({ name, text: readFileSync(join(folder, name), 'utf8') }));
  } catch (error) {
    throw new DccValueSetError(`cannot read the value-set folder: ${(error as Error).message}`);
  }
  try {
    return dccValueSetsOf(dccValueSetFilesOf(files));
  } catch (error) {
    throw new DccValueSetError((error as Error).message);
  }
}
