/**
 * A refusal of a contract call as it travels to the screen: `code` for the screen (which words it shows), `message`
 * in English for the log. Errors the host did not expect become INTERNAL; their details stay in the log.
 */
import type { GateError, RefusalCode } from '../../core/index.js';

export class ContractError extends Error implements GateError {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'ContractError';
  }
}

export function toGateError(error: unknown): GateError {
  if (error instanceof ContractError) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: 'internal error in the terminal host' };
}
