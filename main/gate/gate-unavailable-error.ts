/**
 * Why the gate refused a call from the screen (register unwritable, override not allowed, …): `code` travels to the
 * screen through the contract, `message` says it in English for the log.
 */
import type { GateAlarm, RefusalCode } from '../../core/index.js';

export class GateUnavailableError extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'GateUnavailableError';
  }
}

/** The alarm the guard sees while the register cannot be written (the gate fails closed). */
export const REGISTER_ALARM: GateAlarm = {
  code: 'REGISTER_WRITE_FAILED',
  vi: 'Không ghi được sổ ra vào — cổng đã khóa. Kiểm tra thủ công và gọi IT.',
  en: 'The entry register cannot be written — the gate is locked. Check people manually and call IT.',
};
