/**
 * What the hub's route modules are given, apart from the server that registers them (hub-http.ts): the dependency
 * list, the request fields the server adds (raw body, authenticated terminal), and the JSON parsing of a body.
 * Route modules import this file, never hub-http.ts, so that the server and its routes form no import circle
 * (test/unit/hub/hub-import-cycles.test.ts).
 */
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { HubConfig } from '../config/hub-config.js';
import type { HubKeys } from '../crypto/hub-keys.js';
import type { CheckinService } from '../declare/checkin-service.js';
import type { CheckinWaiters } from '../declare/checkin-waiters.js';
import type { DeclarationService } from '../declare/declaration-service.js';
import type { HubLogger } from '../hub-logger.js';
import type { BundleService } from '../service/bundle-service.js';
import { HubError } from '../service/hub-error.js';
import type { TerminalVersions } from '../service/terminal-versions.js';
import type { HubStore, TerminalRecord } from '../storage/hub-store.js';

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: Buffer;
    terminal?: TerminalRecord;
  }
  interface FastifyContextConfig {
    /** The JSON body is parsed only once the request signature verified (terminal-routes.ts authenticate). */
    signedBody?: boolean;
    /** The request's nonce is remembered, and revocation read, by the handler's own transaction (the upload). */
    admitInTransaction?: boolean;
  }
}

export interface HubDependencies {
  readonly store: HubStore;
  readonly keys: HubKeys;
  readonly config: HubConfig;
  readonly bundles: BundleService;
  /** The app versions terminals report; optional so that test set-ups without it keep working. */
  readonly terminalVersions?: TerminalVersions;
  readonly logger: HubLogger;
  readonly now: () => number;
  /** The public declaration page and phone check-in; absent when `declarationPage.enabled` is false. */
  readonly declarationPage?: DeclarationPageDependencies;
}

/** The public declaration page and the phone check-in (hub/declare). */
export interface DeclarationPageDependencies {
  readonly declarations: DeclarationService;
  readonly checkins: CheckinService;
  readonly waiters: CheckinWaiters;
  readonly isClosing: () => boolean;
}

/** A Fastify instance whose routes take their request and reply types from their JSON schemas (route-schemas.ts). */
export type TypedRoutes = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, JsonSchemaToTsProvider>;

/** The same instance, typed by its schemas: a route's body, params and query are what its schema accepts, never cast. */
export function typedRoutes(app: FastifyInstance): TypedRoutes {
  return app.withTypeProvider<JsonSchemaToTsProvider>();
}

export function parseJsonBody(raw: Buffer): unknown {
  try {
    return raw.length === 0 ? undefined : (JSON.parse(raw.toString('utf8')) as unknown);
  } catch {
    throw new HubError('BAD_REQUEST', 'the body is not valid JSON');
  }
}
