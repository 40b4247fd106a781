/**
 * The EU DCC value sets (`trust.dccValueSets`): a folder holding the value-set JSON files as the EU publishes them
 * (ehn-dcc-valuesets on GitHub, or the member state's DGC gateway download), one set per file. Files that are not
 * value sets (README, CHANGELOG, the encoding-instructions file) are passed over; a `.json` file that looks like a value
 * set but cannot be read is refused with its name — a half-read set would send valid certificates to review for a
 * reason nobody could see. Which sets were loaded, with their dates, is the `version` (`doctor` prints it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dccValueSetsOf, parseDccValueSetFile, type DccValueSetFile, type DccValueSets } from '../../core/index.js';

export class DccValueSetError extends Error {}

export function loadDccValueSets(folder: string): DccValueSets {
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    throw new DccValueSetError(`cannot read the value-set folder: ${(error as Error).message}`);
  }
  const files: DccValueSetFile[] = [];
  for (const name of names) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(join(folder, name), 'utf8'));
    } catch (error) {
      throw new DccValueSetError(`${name}: not readable JSON: ${(error as Error).message}`);
    }
    if (typeof json !== 'object' || json === null || !('valueSetId' in json)) continue;
    try {
      files.push(parseDccValueSetFile(json));
    } catch (error) {
      throw new DccValueSetError(`${name}: ${(error as Error).message}`);
    }
  }
  if (files.length === 0) throw new DccValueSetError('the folder holds no EU value-set file (JSON with valueSetId, valueSetDate, valueSetValues)');
  return dccValueSetsOf(files);
}
