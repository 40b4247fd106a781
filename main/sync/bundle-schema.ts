/**
 * Shape check of a bundle's payload after its signature verified: a bug on the hub must not become a crash or a
 * nonsense policy on the gate. Mirrors BundleContent (core/contract/hub-protocol.ts) and core's CheckpointPolicy.
 */
import { z } from 'zod';

const kinds = z.enum(['declaration', 'eu-dcc', 'cccd', 'pc-covid', 'staff-badge', 'paper', 'unknown']);
const ms = z.number().int().min(0);

const policySchema = z.object({
  maxDeclarationAgeMs: ms,
  acceptedKinds: z.array(kinds).min(1),
  admittingDeclarationResults: z.array(z.enum(['clear', 'medical-check', 'isolate'])).min(1),
  clockSkewMs: ms,
  onClockNotSynchronised: z.enum(['warn', 'review']),
  certificates: z.object({
    vaccination: z.object({ accepted: z.boolean(), minDaysAfterLastDose: z.number().min(0), maxDaysAfterLastDose: z.number().min(0) }),
    test: z.object({ accepted: z.boolean(), maxHoursAfterSample: z.number().min(0), acceptedTypes: z.array(z.string()) }),
    recovery: z.object({ accepted: z.boolean(), minDaysAfterPositive: z.number().min(0), maxDaysAfterPositive: z.number().min(0) }),
  }),
  visitors: z.enum(['allowed', 'staff-only']),
  department: z.string().optional(),
  staffNeedDeclaration: z.boolean(),
  antiPassbackWindowMs: ms,
});

export const bundleContentSchema = z.object({
  format: z.literal(1),
  version: z.number().int().min(1),
  issuedAt: ms,
  buildingId: z.string().min(1),
  checkpointId: z.string().min(1),
  checkpointName: z.string().min(1),
  policy: policySchema,
  issuers: z.array(z.object({ name: z.string(), publicKey: z.string().length(44) })),
  revocations: z.array(z.string().min(1)),
  declarations: z.array(z.object({ subjectRef: z.string().min(1), declaredAt: ms, expiresAt: ms, result: z.enum(['clear', 'medical-check', 'isolate']) })),
  staff: z.array(z.object({ badgeId: z.string().min(1), department: z.string(), status: z.enum(['active', 'suspended', 'left']) })),
});
