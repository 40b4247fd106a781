/**
 * EU DCC verification, step by step. `decideEuDcc` is what the gate runs; the steps are exported one by one so the
 * conformance runner (`gate-terminal dcc-conformance`) checks each with the very code the gate uses.
 */
export * from './dcc-step.js';
export * from './dcc-transport.js';
export * from './dcc-cwt.js';
export * from './dcc-signature.js';
export * from './dcc-signer-checks.js';
export * from './dcc-formats.js';
export * from './dcc-schema.js';
export * from './dcc-value-sets.js';
export * from './dcc-policy.js';
export * from './dcc-decision.js';
