/**
 * Config of the hub's public declaration page (`declarationPage:` in the hub config; docs/declaration-page.md).
 * Every key has a default, so a hub without the section serves the page with the defaults.
 */
import { z } from 'zod';

const resultSchema = z.enum(['clear', 'medical-check', 'isolate']);

export const declarationPageSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Name in the token's issuer claim and in the terminals' trust list. */
  issuerName: z.string().trim().min(1).max(100).default('gate-hub'),
  /** Ed25519 private key (PKCS#8 PEM) that signs the tokens; created in the data dir when absent. */
  issuerKeyPath: z.string().min(1).optional(),
  /** Public address of the hub as phones reach it (the guard's "declare here" QR): e.g. https://khaibao.example.vn */
  publicUrl: z.url().optional(),
  validHours: z.number().min(1).max(168).default(24),
  /** Result per answered "yes"; the strictest of the answers wins, none → clear. */
  rules: z
    .strictObject({ symptoms: resultSchema.default('medical-check'), contact: resultSchema.default('isolate'), travel: resultSchema.default('medical-check') })
    .prefault({}),
  rateLimits: z
    .strictObject({
      perIpPerMinute: z.number().int().min(1).default(30),
      perIdPerHour: z.number().int().min(1).default(6),
      checkinsPerIpPerMinute: z.number().int().min(1).default(60),
    })
    .prefault({}),
  proofOfWork: z
    .strictObject({
      /** Leading zero bits of SHA-256(challenge ":" nonce) at rest; ~2^bits hashes on the phone. */
      baseBits: z.number().int().min(0).max(24).default(12),
      maxBits: z.number().int().min(0).max(28).default(20),
      /** Declarations per minute above which one more bit is demanded, per doubling. */
      loadPerMinute: z.number().int().min(1).default(600),
      /** TEST/BENCH ONLY: accept declarations without a solved challenge. Never set on a public hub. */
      disabledForBenchOnly: z.boolean().default(false),
    })
    .prefault({}),
});

export type DeclarationPageConfig = z.infer<typeof declarationPageSchema>;
