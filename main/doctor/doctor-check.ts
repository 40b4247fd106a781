/**
 * One line of `gate-terminal doctor`: what was checked, how it went, and — for anything not ok — the concrete fix,
 * in Vietnamese first and English second (the person at the terminal may be either).
 */
export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface Fix {
  readonly vi: string;
  readonly en: string;
}

export interface DoctorCheck {
  readonly name: string;
  readonly status: CheckStatus;
  readonly detail: string;
  readonly fix?: Fix;
}

export const ok = (name: string, detail: string): DoctorCheck => ({ name, status: 'ok', detail });
export const warn = (name: string, detail: string, fix: Fix): DoctorCheck => ({ name, status: 'warn', detail, fix });
export const fail = (name: string, detail: string, fix: Fix): DoctorCheck => ({ name, status: 'fail', detail, fix });
export const skip = (name: string, detail: string): DoctorCheck => ({ name, status: 'skip', detail });

const LABEL: Record<CheckStatus, string> = { ok: ' OK ', warn: 'WARN', fail: 'FAIL', skip: 'SKIP' };

/** The human report: one line per check, the fix indented under each problem, a verdict last. */
export function formatReport(checks: readonly DoctorCheck[]): string {
  const width = Math.max(...checks.map((c) => c.name.length));
  const lines: string[] = [];
  for (const check of checks) {
    lines.push(`[${LABEL[check.status]}] ${check.name.padEnd(width)}  ${check.detail}`);
    if (check.fix) lines.push(`       ${' '.repeat(width)}  → sửa: ${check.fix.vi}`, `       ${' '.repeat(width)}  → fix: ${check.fix.en}`);
  }
  const failed = checks.filter((c) => c.status === 'fail').length;
  const warned = checks.filter((c) => c.status === 'warn').length;
  lines.push(
    failed === 0
      ? `Kết quả / result: ${warned === 0 ? 'mọi kiểm tra đều đạt / all checks passed' : `${warned} cảnh báo / ${warned} warning(s)`}`
      : `Kết quả / result: ${failed} lỗi cần sửa / ${failed} problem(s) to fix${warned ? `, ${warned} cảnh báo / warning(s)` : ''}`,
  );
  return lines.join('\n') + '\n';
}
