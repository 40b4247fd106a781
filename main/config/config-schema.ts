/**
 * The terminal's config file (YAML or JSON), validated at start. Strict objects: a misspelt key is an error with its
 * path, not a silently ignored setting. Relative paths are resolved against the config file's folder.
 */
import { z } from 'zod';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1–64 letters, digits, dot, dash or underscore');

const scannerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('simulated'), id: id.default('simulated') }),
]);

const simulatedOnly = z.strictObject({ kind: z.literal('simulated') });

const turnstileSchema = z.strictObject({
  kind: z.literal('simulated'),
  /** How long the relay stays released after an admit. */
  pulseMs: z.number().int().min(100).max(60_000).default(3000),
  /** Position on start, exit and crash: `locked` = fail-secure, `released` = fail-safe (fire code for some doors). */
  safePosition: z.enum(['locked', 'released']).default('locked'),
});

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
      acceptedKinds: z.array(z.enum(['declaration'])).min(1).default(['declaration']),
      clockSkewMinutes: z.number().min(0).max(60).default(5),
      onClockNotSynchronised: z.enum(['warn', 'review']).default('warn'),
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
  }),
  hardware: z
    .strictObject({
      scanners: z.array(scannerSchema).default([{ kind: 'simulated', id: 'simulated' }]),
      lights: simulatedOnly.prefault({ kind: 'simulated' }),
      buzzer: simulatedOnly.prefault({ kind: 'simulated' }),
      turnstile: turnstileSchema.prefault({ kind: 'simulated' }),
    })
    .prefault({}),
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
  hub: z.strictObject({ url: z.url() }).optional(),
});

export type RawConfig = z.infer<typeof configSchema>;
