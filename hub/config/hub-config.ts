/**
 * The hub's config file (YAML or JSON), validated at start like the terminal's: strict objects, errors name the
 * field. Relative paths are resolved against the file's folder. Buildings and checkpoints listed here are created or
 * updated in the store at every start; declarations, revocations, staff and issuers come in through the admin API.
 */
import { readFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { declarationPageSchema } from '../declare/declaration-page-config.js';
import { appVersionRange } from './app-version-pins.js';
import { AREA_PATTERN } from '../storage/checkpoint-registry.js';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1–64 letters, digits, dot, dash or underscore');

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24 h)');
const dailyHours = z.strictObject({ opens: hhmm, closes: hhmm });
const day = dailyHours.nullable().optional();
/** `{ opens, closes }` every day, or `{ weekly: { mon: {opens, closes}, …, sun: null } }` (missing or null = closed). */
const openingHoursSchema = z.union([
  dailyHours,
  z.strictObject({ weekly: z.strictObject({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day }) }),
]);

/** Overrides of core's DEFAULT_POLICY, in core's units (ms); checked again by the route schema of the admin API. */
const policySchema = z
  .strictObject({
    maxDeclarationAgeMs: z.number().int().positive(),
    acceptedKinds: z.array(z.enum(['declaration', 'eu-dcc', 'cccd', 'pc-covid', 'staff-badge'])).min(1),
    admittingDeclarationResults: z.array(z.enum(['clear', 'medical-check'])).min(1),
    clockSkewMs: z.number().int().min(0),
    onClockNotSynchronised: z.enum(['warn', 'review']),
    visitors: z.enum(['allowed', 'staff-only']),
    department: id,
    staffNeedDeclaration: z.boolean(),
    antiPassbackWindowMs: z.number().int().min(0),
    chain: z.strictObject({ buildingDoorWithinMs: z.number().int().positive(), visitorsNeedHost: z.boolean().default(false) }),
    openingHours: openingHoursSchema,
  })
  .partial();

const storageSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('sqlite'), path: z.string().min(1).default('./hub-data/hub.sqlite') }),
  z.strictObject({
    kind: z.literal('postgres'),
    /** Defaults to the GATE_HUB_PG_URL environment variable. */
    url: z.string().min(1).optional(),
    schema: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).optional(),
    poolSize: z.number().int().min(1).max(200).default(10),
  }),
]);

export const hubConfigSchema = z.strictObject({
  listen: z
    .strictObject({
      host: z.string().min(1).default('127.0.0.1'),
      /** 0 picks a free port (tests). */
      port: z.number().int().min(0).max(65_535).default(8450),
    })
    .prefault({}),
  /** Public address of the hub (e.g. https://khaibao.example.vn): checkpoint posters' QR codes point at
   * `${publicBaseUrl}/c/<checkpointId>`. Without it, the address the admin's browser used is taken. */
  publicBaseUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  /** IANA time zone of every time the hub shows: admin web pages, exports, days of Danh sách and the statistics,
   * the CLI's enrolment token expiry. Vietnam has one zone and no daylight saving. */
  timeZone: z
    .string()
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Asia/Ho_Chi_Minh')
    .default('Asia/Ho_Chi_Minh'),
  /** Behind a reverse proxy that terminates TLS: Fastify's `trustProxy` (true, a hop count, or the proxy's addresses,
   * e.g. "127.0.0.1"). Client addresses and the protocol then come from X-Forwarded-*; with an https `publicBaseUrl`,
   * admin cookies are Secure and HSTS is sent. Never set it when clients reach the hub directly. */
  trustProxy: z.union([z.boolean(), z.number().int().min(1), z.string().min(1)]).default(false),
  /** The hub's own TLS (Fastify's https option): PEM key and certificate files. Cookies are then Secure, HSTS is sent. */
  https: z.strictObject({ keyPath: z.string().min(1), certPath: z.string().min(1) }).optional(),
  /** Signing key (hub-signing-key.pem) and admin token live here. */
  dataDir: z.string().min(1).default('./hub-data'),
  storage: storageSchema.prefault({ kind: 'sqlite' }),
  retentionDays: z.number().int().min(1).max(365).default(28),
  enrolmentTokenTtlMinutes: z.number().int().min(1).max(7 * 24 * 60).default(60),
  /** Upper bound of one upload batch; terminals send fewer. */
  maxBatchEntries: z.number().int().min(1).max(10_000).default(1000),
  /** How far back relayed passages reach (cross-terminal anti-passback). */
  relayWindowHours: z.number().min(1).max(72).default(24),
  /** The public declaration page and phone check-in (docs/declaration-page.md). */
  declarationPage: declarationPageSchema.prefault({}),
  /** App version pins (hub-wide, per organisation / building / checkpoint, per terminal): hub/config/app-version-pins.ts. */
  appVersion: appVersionRange.optional(),
  terminalAppVersions: z.record(z.string().min(1).max(140), appVersionRange).default({}),
  /** `area`: where the organisation is registered, `province` or `province/district` (health-authority scope). */
  organisations: z
    .array(
      z.strictObject({
        id,
        name: z.string().trim().min(1).max(160),
        area: z.string().regex(AREA_PATTERN, "must be 'province' or 'province/district': lower-case slugs (a-z, 0-9, -) joined by '/'").optional(),
        appVersion: appVersionRange.optional(),
      }),
    )
    .default([]),
  buildings: z
    .array(
      z.strictObject({
        id,
        name: z.string().trim().min(1).max(120),
        organisation: id.optional(),
        address: z.string().trim().max(300).default(''),
        appVersion: appVersionRange.optional(),
        checkpoints: z
          .array(
            z.strictObject({
              id,
              name: z.string().trim().min(1).max(120),
              kind: z.enum(['building-door', 'department']).default('building-door'),
              address: z.string().trim().max(300).default(''),
              directions: z.array(z.enum(['in', 'out'])).min(1).max(2).default(['in', 'out']),
              policy: policySchema.default({}),
              appVersion: appVersionRange.optional(),
            }),
          )
          .default([]),
      }),
    )
    .default([]),
});

export type RawHubConfig = z.infer<typeof hubConfigSchema>;

export interface HubConfig extends RawHubConfig {
  readonly source: string;
}

export class HubConfigError extends Error {
  constructor(
    readonly file: string,
    readonly fieldPath: string,
    readonly problem: string,
  ) {
    super(`hub config ${file}: ${fieldPath ? `field "${fieldPath}"` : 'file'}: ${problem}`);
    this.name = 'HubConfigError';
  }
}

export function validateHubConfig(file: string, data: unknown, env: NodeJS.ProcessEnv = process.env): HubConfig {
  const result = hubConfigSchema.safeParse(data ?? {});
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
    throw new HubConfigError(file, path.map(String).join('.'), issue.code === 'unrecognized_keys' ? 'unknown setting' : issue.message);
  }
  const raw = result.data;
  const base = dirname(file);
  const at = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  let storage = raw.storage;
  if (storage.kind === 'sqlite') storage = { ...storage, path: at(storage.path) };
  else {
    const url = storage.url ?? env.GATE_HUB_PG_URL;
    if (!url) throw new HubConfigError(file, 'storage.url', 'PostgreSQL needs storage.url or the GATE_HUB_PG_URL environment variable');
    storage = { ...storage, url };
  }
  const declarationPage = raw.declarationPage.issuerKeyPath ? { ...raw.declarationPage, issuerKeyPath: at(raw.declarationPage.issuerKeyPath) } : raw.declarationPage;
  const https = raw.https ? { keyPath: at(raw.https.keyPath), certPath: at(raw.https.certPath) } : undefined;
  return { ...raw, source: file, dataDir: at(raw.dataDir), storage, declarationPage, ...(https ? { https } : {}) };
}

export function loadHubConfig(path: string): HubConfig {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new HubConfigError(file, '', `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let data: unknown;
  try {
    data = extname(file).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new HubConfigError(file, '', `cannot parse: ${(error as Error).message.split('\n')[0]}`);
  }
  return validateHubConfig(file, data);
}
