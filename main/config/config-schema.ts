/**
 * The terminal's config file (YAML or JSON), validated at start. Strict objects: a misspelt key is an error with its
 * path, not a silently ignored setting. Relative paths are resolved against the config file's folder.
 */
import { z } from 'zod';
import { hardwareSchema } from './hardware-schema.js';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1–64 letters, digits, dot, dash or underscore');

export const configSchema = z.strictObject({
  terminal: z.strictObject({ id }),
  checkpoint: z.strictObject({
    id,
    name: z.string().trim().min(1).max(120),
    direction: z.enum(['in', 'out', 'both']),
    timeZone: z
      .string()
      .default('Asia/Ho_Chi_Minh')
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'must be an IANA time zone such as Asia/Ho_Chi_Minh'),
  }),
  policy: z
    .strictObject({
      maxDeclarationAgeHours: z.number().positive().max(24 * 30).default(24),
      acceptedKinds: z
        .array(z.enum(['declaration', 'eu-dcc', 'cccd', 'pc-covid', 'staff-badge']))
        .min(1)
        .default(['declaration', 'eu-dcc', 'cccd', 'pc-covid', 'staff-badge']),
      /** Declaration results that admit; `isolate` never does. */
      admittingDeclarationResults: z.array(z.enum(['clear', 'medical-check'])).min(1).default(['clear']),
      clockSkewMinutes: z.number().min(0).max(60).default(5),
      onClockNotSynchronised: z.enum(['warn', 'review']).default('warn'),
      certificates: z
        .strictObject({
          vaccination: z
            .strictObject({
              accepted: z.boolean().default(true),
              minDaysAfterLastDose: z.number().int().min(0).max(365).default(14),
              maxDaysAfterLastDose: z.number().int().min(1).max(3650).default(270),
            })
            .prefault({}),
          test: z
            .strictObject({
              accepted: z.boolean().default(true),
              maxHoursAfterSample: z.number().positive().max(24 * 14).default(72),
              acceptedTypes: z.array(z.enum(['LP6464-4', 'LP217198-3'])).min(1).default(['LP6464-4', 'LP217198-3']),
            })
            .prefault({}),
          recovery: z
            .strictObject({
              accepted: z.boolean().default(true),
              minDaysAfterPositive: z.number().int().min(0).max(365).default(11),
              maxDaysAfterPositive: z.number().int().min(1).max(3650).default(180),
            })
            .prefault({}),
        })
        .prefault({}),
      visitors: z.enum(['allowed', 'staff-only']).default('allowed'),
      /** Department checkpoints: only staff badges of this department pass as staff. */
      department: id.optional(),
      staffNeedDeclaration: z.boolean().default(false),
      /** Re-entry without an exit within this many hours is reviewed ("already inside"); 0 turns it off. */
      antiPassbackHours: z.number().min(0).max(72).default(12),
    })
    .prefault({}),
  trust: z.strictObject({
    issuers: z
      .array(
        z.strictObject({
          name: z.string().min(1).max(120),
          publicKeyFile: z.string().min(1),
          /** Marks the repository's test key: the guard screen shows a warning banner while it is trusted. */
          test: z.boolean().default(false),
        }),
      )
      .min(1, 'at least one issuer key must be trusted'),
    /**
     * EU DCC document signer certificates: a JSON file `[{ "kid": base64 (optional), "certificate": DER base64 }, …]`
     * (main/config/load-dcc-signers.ts). Without it every DCC is refused as signed by an unknown signer.
     */
    dccSigners: z.string().min(1).optional(),
    /**
     * A folder of EU DCC value-set files as the EU publishes them (ehn-dcc-valuesets / the DGC gateway: one JSON file
     * per set, `{valueSetId, valueSetDate, valueSetValues}`); DCC codes outside them end in review
     * (main/config/load-dcc-value-sets.ts). It takes precedence over the value sets of the hub's bundle; without
     * either, the value-set step checks nothing.
     */
    dccValueSets: z.string().min(1).optional(),
  }),
  /** Scanners, GPIO, lights, buzzer, turnstile: main/config/hardware-schema.ts. */
  hardware: hardwareSchema.prefault({}),
  storage: z
    .strictObject({
      dataDir: z.string().min(1).default('./data'),
      retentionDays: z.number().int().min(1).max(365).default(28),
    })
    .prefault({}),
  host: z
    .strictObject({
      listenHost: z.enum(['127.0.0.1', '::1', 'localhost']).default('127.0.0.1'),
      /** 0 picks a free port (tests). */
      port: z.number().int().min(0).max(65_535).default(8440),
      mode: z.enum(['auto', 'electron', 'browser']).default('auto'),
      kiosk: z.boolean().default(false),
    })
    .prefault({}),
  display: z
    .strictObject({
      language: z.enum(['vi', 'en']).default('vi'),
      resultHoldSeconds: z.number().min(1).max(120).default(6),
    })
    .prefault({}),
  clock: z
    .strictObject({
      /**
       * `auto` asks the system (timedatectl, systemd-timesyncd's flag file) and shows a warning when unsynchronised.
       * `assume-synchronised` is for hosts whose time is disciplined by other means (and for tests); use with care.
       */
      sync: z.enum(['auto', 'assume-synchronised']).default('auto'),
    })
    .prefault({}),
  /** Structured logs (main/platform/logger.ts): JSON lines on stderr and, rotated, in `dir`. */
  logging: z
    .strictObject({
      /** Folder of the rotated log files; default `<storage.dataDir>/logs`. */
      dir: z.string().min(1).optional(),
      level: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
      /** A file is rotated when it reaches this size, and at least daily. */
      maxFileMB: z.number().min(0.01).max(1024).default(10),
      /** Rotated files kept besides the active one. */
      keepFiles: z.number().int().min(1).max(365).default(7),
    })
    .prefault({}),
  /** First boot / enrolment on the device (main/setup): where a USB stick with enroll.json may appear. */
  setup: z
    .strictObject({
      /** Folders to look for enroll.json in; `*` matches one folder level (e.g. /media/<user>/<label>). */
      usbMountPatterns: z.array(z.string().min(1)).default(['/media/*', '/media/*/*', '/run/media/*/*']),
      usbPollSeconds: z.number().min(0.1).max(60).default(2),
    })
    .prefault({}),
  hub: z
    .strictObject({
      url: z.url(),
      /** Entries per upload batch (the hub accepts up to its maxBatchEntries, 1000 by default). */
      batchSize: z.number().int().min(1).max(1000).default(500),
      /** A new entry goes up at the latest this long after it was committed (entries arriving meanwhile join it). */
      flushDelayMs: z.number().int().min(0).max(60_000).default(1000),
      /** How often the bundle (policy, lists) and the building's passages are pulled. */
      pollIntervalSeconds: z.number().min(1).max(3600).default(30),
      /** Full-jitter backoff while the hub is unreachable: first ceiling and cap. */
      backoffBaseMs: z.number().int().min(10).max(60_000).default(500),
      backoffCapSeconds: z.number().min(0.1).max(3600).default(60),
      requestTimeoutSeconds: z.number().min(1).max(300).default(15),
      /** Hub data older than this is stale: amber warning on the guard screen. */
      maxDataAgeHours: z.number().positive().max(24 * 30).default(24),
      /** Stale data: `warn` only, or `refuse-lookups` (CCCD / PC-Covid lookups need the declaration set). */
      onStaleData: z.enum(['warn', 'refuse-lookups']).default('warn'),
    })
    .optional(),
});

export type RawConfig = z.infer<typeof configSchema>;
