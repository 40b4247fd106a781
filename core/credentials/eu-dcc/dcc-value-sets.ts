/**
 * EU DCC value sets: the coded fields of a certificate (disease, vaccine, product, manufacturer, test type and device,
 * result, country) checked against the value sets the EU publishes (ehn-dcc-valuesets, distributed by the EU DGC
 * gateway; each file `{valueSetId, valueSetDate, valueSetValues: {code: {...}}}`).
 *
 * Contract: a step of its own after the schema (the schema only says a code is a string; the conformance data's
 * EXPECTEDSCHEMAVALIDATION is about the schema alone). A code outside a loaded value set ends in review with
 * DCC_CODE_NOT_IN_VALUE_SET, not in a denial: the certificate is authentic (its signature verified), and the likeliest
 * cause is a value set older than the certificate (a rapid-test device added to the EU list last week), so the guard
 * looks at it. A field whose value set is not loaded is not checked; which sets are loaded, and their dates, are part
 * of `DccValueSets.version` (shown by `doctor` and the admin web).
 */
import { ReasonCode } from '../../reasons.js';
import { stepFailed, stepOk, type DccCertificate, type DccStep } from './dcc-step.js';

/** One published value-set file, as the EU writes it (extra members are ignored). */
export interface DccValueSetFile {
  readonly valueSetId: string;
  readonly valueSetDate: string;
  readonly valueSetValues: Readonly<Record<string, unknown>>;
}

export interface DccValueSets {
  /** `id@date` of every loaded set, sorted: the version a terminal reports and a bundle carries. */
  readonly version: string;
  /** False when the set is not loaded (the field is then not checked). */
  loaded(valueSetId: string): boolean;
  has(valueSetId: string, code: string): boolean;
}

export const DccValueSetId = {
  country: 'country-2-codes',
  disease: 'disease-agent-targeted',
  testDevice: 'covid-19-lab-test-manufacturer-and-name',
  testResult: 'covid-19-lab-result',
  testType: 'covid-19-lab-test-type',
  vaccineHolder: 'vaccines-covid-19-auth-holders',
  vaccineProduct: 'vaccines-covid-19-names',
  vaccineType: 'sct-vaccines-covid-19',
} as const;

const V = DccValueSetId;
/** Which value set each coded field of an entry draws from (the DCC schema's `valuesets` annotations). */
const CODED_FIELDS: Readonly<Record<DccCertificate['type'], Readonly<Record<string, string>>>> = {
  v: { tg: V.disease, vp: V.vaccineType, mp: V.vaccineProduct, ma: V.vaccineHolder, co: V.country },
  t: { tg: V.disease, tt: V.testType, ma: V.testDevice, tr: V.testResult, co: V.country },
  r: { tg: V.disease, co: V.country },
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads one value-set file's JSON; throws an Error naming what is wrong (the caller adds the file name). */
export function parseDccValueSetFile(json: unknown): DccValueSetFile {
  if (!isRecord(json)) throw new Error('a value-set file must hold a JSON object');
  const { valueSetId, valueSetDate, valueSetValues } = json;
  if (typeof valueSetId !== 'string' || !/^[a-z0-9-]{1,80}$/.test(valueSetId)) throw new Error('valueSetId is missing or not a value-set id');
  if (typeof valueSetDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(valueSetDate)) throw new Error(`${valueSetId}: valueSetDate is missing or not YYYY-MM-DD`);
  if (!isRecord(valueSetValues) || Object.keys(valueSetValues).length === 0) throw new Error(`${valueSetId}: valueSetValues holds no codes`);
  return { valueSetId, valueSetDate, valueSetValues };
}

/** One value set reduced to what the check needs: its id, date and codes (what a hub bundle carries). */
export interface DccValueSetCodes {
  readonly id: string;
  readonly date: string;
  readonly codes: readonly string[];
}

/** A value-set file reduced to its id, date and codes (sorted). */
export function valueSetCodesOf(file: DccValueSetFile): DccValueSetCodes {
  return { id: file.valueSetId, date: file.valueSetDate, codes: Object.keys(file.valueSetValues).sort() };
}

/** The value sets of some files; a set given twice keeps its newest date. */
export function dccValueSetsOf(files: readonly DccValueSetFile[]): DccValueSets {
  return dccValueSetsOfCodes(files.map(valueSetCodesOf));
}

/** The value sets of some reduced sets (a hub bundle's); a set given twice keeps its newest date. */
export function dccValueSetsOfCodes(sets: readonly DccValueSetCodes[]): DccValueSets {
  const newest = new Map<string, DccValueSetCodes>();
  for (const set of sets) {
    const known = newest.get(set.id);
    if (!known || known.date < set.date) newest.set(set.id, set);
  }
  const codes = new Map([...newest].map(([id, set]) => [id, new Set(set.codes)]));
  return { version: dccValueSetsVersion([...newest.values()]), loaded: (id) => codes.has(id), has: (id, code) => codes.get(id)?.has(code) ?? false };
}

/** `id@date` of every set, sorted and comma-separated: the version string of a collection of value sets. */
export function dccValueSetsVersion(sets: readonly Pick<DccValueSetCodes, 'id' | 'date'>[]): string {
  return sets.map((s) => `${s.id}@${s.date}`).sort().join(',');
}

/** A file of a value-set folder: its name and text. */
export interface DccValueSetFolderFile {
  readonly name: string;
  readonly text: string;
}

/**
 * The value-set files of a folder (its `.json` files, by name). JSON files that are not value sets (no `valueSetId`:
 * a package.json, a CHANGELOG) are passed over; a file that is not JSON, or looks like a value set but cannot be read,
 * throws an Error naming the file — a half-read folder would send valid certificates to review for a reason nobody
 * could see. Throws too when the folder holds no value set at all.
 */
export function dccValueSetFilesOf(files: readonly DccValueSetFolderFile[]): DccValueSetFile[] {
  const read: DccValueSetFile[] = [];
  for (const { name, text } of files) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(`${name}: not readable JSON: ${(error as Error).message}`, { cause: error });
    }
    if (!isRecord(json) || !('valueSetId' in json)) continue;
    try {
      read.push(parseDccValueSetFile(json));
    } catch (error) {
      throw new Error(`${name}: ${(error as Error).message}`, { cause: error });
    }
  }
  if (read.length === 0) throw new Error('the folder holds no EU value-set file (JSON with valueSetId, valueSetDate, valueSetValues)');
  return read;
}

/** The first coded field of the certificate that is not in its (loaded) value set, as review with the field named. */
export function checkDccValueSets(certificate: DccCertificate, sets: DccValueSets | undefined): DccStep<void> {
  if (!sets) return stepOk(undefined);
  const entry = certificate.entry as unknown as Readonly<Record<string, unknown>>;
  for (const [field, valueSetId] of Object.entries(CODED_FIELDS[certificate.type])) {
    const code = entry[field];
    if (code === undefined || !sets.loaded(valueSetId)) continue;
    if (typeof code !== 'string' || !sets.has(valueSetId, code)) {
      return stepFailed(ReasonCode.DccCodeNotInValueSet, `${certificate.type}[0].${field} "${String(code)}" is not in the EU value set ${valueSetId}`);
    }
  }
  return stepOk(undefined);
}
