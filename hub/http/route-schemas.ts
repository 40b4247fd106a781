/**
 * JSON schemas of every hub route (Fastify validates requests with them and serialises responses with them).
 * Extra properties are refused (the server runs ajv with removeAdditional: false), lengths are bounded.
 * Each schema is a literal type (`as const`, `object()` keeps its properties' types), so that the routes' request
 * types are read from the schema itself (hub-dependencies.ts `typedRoutes`, json-schema-to-ts): one thing, not two.
 */
const str = (maxLength: number, minLength = 1) => ({ type: 'string', minLength, maxLength }) as const;
const nullableStr = (maxLength: number) => ({ type: ['string', 'null'], maxLength }) as const;
const int = (minimum = 0) => ({ type: 'integer', minimum }) as const;
const base64Key = { type: 'string', minLength: 43, maxLength: 44, pattern: '^[A-Za-z0-9+/]{43}=?$' } as const;
const id = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' } as const;

/** A closed object schema; every property required unless `required` names fewer. */
export function object<const P extends Record<string, object>>(properties: P): ClosedObject<P, readonly (keyof P & string)[]>;
export function object<const P extends Record<string, object>, const R extends readonly (keyof P & string)[]>(properties: P, required: R): ClosedObject<P, R>;
export function object(properties: Record<string, object>, required: readonly string[] = Object.keys(properties)) {
  return { type: 'object', additionalProperties: false, required, properties } as const;
}

interface ClosedObject<P, R> {
  readonly type: 'object';
  readonly additionalProperties: false;
  readonly required: R;
  readonly properties: P;
}

export const errorBodySchema = object({ code: str(64), message: str(1000, 0), hubTime: int() });

/** Free-text fields a scanned credential fills: cut to these lengths (code points) at the boundary (entry-text.ts). */
export const UPLOADED_TEXT_LIMITS: Readonly<Record<string, number>> = { displayName: 200, credentialId: 200 };

const uploadedEntryProperties = {
  id: str(64),
  terminalId: str(160),
  seq: int(1),
  checkpointId: str(64),
  direction: { enum: ['in', 'out'] },
  outcome: { enum: ['admit', 'deny', 'review'] },
  reasons: { type: 'array', maxItems: 16, items: str(64) },
  credentialKind: str(32),
  credentialId: nullableStr(200),
  subjectHmac: nullableStr(128),
  displayName: str(200, 0),
  scanSource: str(16),
  wallTime: { type: 'integer' },
  monoTime: int(),
  bootId: str(80),
  eventTime: { type: 'integer' },
  timeSource: { enum: ['hub-anchor', 'wall'] },
  overrideOf: nullableStr(64),
  /** Optional: terminals before register migration 0009 do not send it. */
  hostId: nullableStr(64),
} as const;
/** Every field required but hostId. */
const { hostId: _sentSince0009, ...alwaysSent } = uploadedEntryProperties;
export const uploadedEntrySchema = { ...object(alwaysSent), properties: uploadedEntryProperties } as const;

export function entryBatchSchema(maxEntries: number) {
  return object({ terminalId: str(160), entries: { type: 'array', minItems: 1, maxItems: maxEntries, items: uploadedEntrySchema } });
}

export const entryBatchAckSchema = object({ contiguousSeq: int(), highestSeq: int(), inserted: int(), duplicates: int(), hubTime: int() });

export const enrolmentRequestSchema = object({
  token: str(200),
  terminalName: id,
  checkpointId: id,
  signingPublicKey: base64Key,
  agreementPublicKey: base64Key,
  firstSeq: int(1),
  proof: str(100),
});

export const enrolmentResponseSchema = object({
  terminalId: str(160),
  keyId: str(64),
  checkpointId: str(64),
  checkpointName: str(200),
  buildingId: str(64),
  buildingName: str(200),
  hubPublicKey: str(64),
  hubTime: int(),
});

export const signedBundleSchema = object({
  terminalId: str(160),
  version: int(1),
  payload: { type: 'string' },
  payloadSha256: str(64),
  sealedSubjectKey: object({ ephemeralPublicKey: str(64), iv: str(32), ciphertext: str(200) }),
  signature: str(100),
  /** One per signing key of the hub key set (hub/crypto/hub-key-set.ts): current, plus previous during an overlap. */
  signatures: { type: 'array', maxItems: 3, items: object({ keyId: str(16), signature: str(100) }) },
}, ['terminalId', 'version', 'payload', 'payloadSha256', 'sealedSubjectKey', 'signature']);

export const passagesQuerySchema = object({ after: int(), limit: { type: 'integer', minimum: 1, maximum: 5000 } }, []);

export const passageFeedSchema = object({
  passages: {
    type: 'array',
    items: object({ cursor: int(), terminalId: str(160), checkpointName: str(200), checkpointKind: { enum: ['building-door', 'department'] }, subjectHmac: str(128), direction: { enum: ['in', 'out'] }, eventTime: { type: 'integer' } }),
  },
  cursor: int(),
  hubTime: int(),
});

export const timeSchema = object({ hubTime: int() });

export const heartbeatSchema = object({
  terminalId: str(160),
  appVersion: str(64),
  queuedEntries: int(),
  bundleVersion: { type: ['integer', 'null'], minimum: 1 },
  dataAgeMs: { type: ['integer', 'null'], minimum: 0 },
  hardware: object({
    simulated: { type: 'boolean' },
    clockSynchronised: { type: 'boolean' },
    scanners: { type: 'array', maxItems: 16, items: object({ id: str(64), kind: str(32), health: { enum: ['connected', 'reconnecting', 'absent'] } }) },
  }),
});

// Admin API

export const createTokenSchema = object({ checkpointId: id, ttlMinutes: { type: 'integer', minimum: 1, maximum: 10_080 } }, ['checkpointId']);
export const createdTokenSchema = object({ token: str(200), tokenId: str(64), checkpointId: str(64), checkpointName: str(200), expiresAt: int() });
export const terminalParamsSchema = object({ terminalId: str(160) });
export const buildingParamsSchema = object({ buildingId: id });
export const checkpointParamsSchema = object({ checkpointId: id });
export const buildingBodySchema = object({ name: str(120) });

const HHMM = { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' } as const;
const DAILY_HOURS = object({ opens: HHMM, closes: HHMM });
/** One weekday of weekly opening hours: its hours, or null for closed. */
const DAY = { oneOf: [DAILY_HOURS, { type: 'null' }] } as const;

export const policySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    maxDeclarationAgeMs: int(1),
    acceptedKinds: { type: 'array', minItems: 1, items: { enum: ['declaration', 'eu-dcc', 'cccd', 'pc-covid', 'staff-badge'] } },
    admittingDeclarationResults: { type: 'array', minItems: 1, items: { enum: ['clear', 'medical-check'] } },
    clockSkewMs: int(),
    onClockNotSynchronised: { enum: ['warn', 'review'] },
    visitors: { enum: ['allowed', 'staff-only'] },
    department: id,
    staffNeedDeclaration: { type: 'boolean' },
    antiPassbackWindowMs: int(),
    chain: object({ buildingDoorWithinMs: int(1), visitorsNeedHost: { type: 'boolean' } }, ['buildingDoorWithinMs', 'visitorsNeedHost']),
    openingHours: { oneOf: [DAILY_HOURS, object({ weekly: object({ mon: DAY, tue: DAY, wed: DAY, thu: DAY, fri: DAY, sat: DAY, sun: DAY }, []) })] },
  },
} as const;

export const checkpointBodySchema = object({ buildingId: id, name: str(120), policy: policySchema }, ['buildingId', 'name']);

export const declarationsBodySchema = object({
  declarations: {
    type: 'array',
    maxItems: 100_000,
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['declaredAt', 'expiresAt', 'result'],
      properties: { idNumber: str(32), subjectRef: str(64), declaredAt: int(), expiresAt: int(), result: { enum: ['clear', 'medical-check', 'isolate'] } },
      oneOf: [{ required: ['idNumber'] }, { required: ['subjectRef'] }],
    },
  },
});

/** ID numbers to turn into references under the deployment's identity key (staff-badge issuing). */
export const identityRefsBodySchema = object({ idNumbers: { type: 'array', minItems: 1, maxItems: 10_000, items: str(32) } });

export const revocationsBodySchema = object({ credentialIds: { type: 'array', maxItems: 100_000, items: str(200) } });
export const staffBodySchema = object({
  staff: { type: 'array', maxItems: 100_000, items: object({ badgeId: str(200), department: str(64), status: { enum: ['active', 'suspended', 'left'] } }) },
});
/** Host ids are opaque: a bare number is refused (it could be an ID number, which never leaves the hub in clear). */
const hostId = { ...id, not: { pattern: '^[0-9]+$' } } as const;
export const hostsBodySchema = object({ hosts: { type: 'array', maxItems: 10_000, items: object({ hostId, department: id, displayName: str(120) }) } });
export const issuersBodySchema = object({ issuers: { type: 'array', maxItems: 100, items: object({ name: str(120), publicKeyPem: str(1000) }) } });
export const countSchema = object({ count: int() });
