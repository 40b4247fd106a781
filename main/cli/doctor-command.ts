/**
 * `gate-terminal doctor [--config FILE] [--json]`: a diagnosis of this terminal, one line per check with the fix for
 * each problem (Vietnamese, then English). Exit 0 when nothing failed (warnings allowed), 1 otherwise.
 */
import { parseArgs } from 'node:util';
import { formatReport } from '../doctor/doctor-check.js';
import { runDoctor } from '../doctor/run-doctor.js';

export const DOCTOR_USAGE = `  gate-terminal doctor [--config FILE] [--json]        diagnose config, storage, disk, clock, hardware, hub, queue
`;

export async function commandDoctor(argv: string[], defaultConfig: string): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { config: { type: 'string' }, json: { type: 'boolean' } } });
  const checks = await runDoctor({ configPath: values.config ?? defaultConfig });
  const healthy = checks.every((c) => c.status !== 'fail');
  if (values.json) process.stdout.write(JSON.stringify({ healthy, checks }, null, 2) + '\n');
  else process.stdout.write(formatReport(checks));
  return healthy ? 0 : 1;
}
