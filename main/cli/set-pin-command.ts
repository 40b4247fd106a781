/**
 * `gate-terminal set-pin [--config FILE]`: the first (or a new) settings-screen PIN, written straight into the config
 * as `hardware.selfTest.pinHash` — no block to paste, so no duplicate `hardware:` key. The PIN is asked twice on a
 * terminal without echo, or read from the first line of standard input (`echo 246810 | gate-terminal set-pin`), never
 * from the command line (shell history, `ps`). YAML keeps its comments and layout; the changed config is validated
 * before it replaces the old one (atomically, same mode). A terminal that started without a PIN picks it up at the next
 * PIN check; one that had a PIN needs a restart for the new one.
 */
import { renameSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { parseDocument } from 'yaml';
import { loadConfig, validateConfig } from '../config/load-config.js';
import { hashPin } from '../selftest/settings-pin.js';
import { UsageError } from './decide-command.js';

export const SET_PIN_USAGE = `  gate-terminal set-pin [--config FILE]               set the settings-screen PIN (asked twice, or one line on stdin);
                                                      writes hardware.selfTest.pinHash into the config
`;

const PIN_FORMAT = /^[0-9]{4,12}$/;

/** The config text with `hardware.selfTest.pinHash` set: YAML edited in place (comments kept), JSON re-serialised. */
export function withPinHash(file: string, text: string, hash: string): string {
  if (extname(file).toLowerCase() === '.json') {
    const data = JSON.parse(text) as Record<string, Record<string, Record<string, unknown>>>;
    data.hardware = { ...data.hardware, selfTest: { ...data.hardware?.selfTest, pinHash: hash } };
    return `${JSON.stringify(data, null, 2)}\n`;
  }
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) throw new UsageError(`${file}: the config is not valid YAML (${doc.errors[0]!.message.split('\n')[0]}); fix it first`);
  doc.setIn(['hardware', 'selfTest', 'pinHash'], hash);
  return doc.toString();
}

async function readPin(): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    const lines = createInterface({ input });
    for await (const line of lines) return line.trim();
    return '';
  }
  const ask = (question: string) =>
    new Promise<string>((done) => {
      const rl = createInterface({ input, output: process.stderr, terminal: true });
      // Typed digits are not echoed: only the question is written.
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
        if (s.startsWith(question)) process.stderr.write(question);
      };
      rl.question(question, (answer) => {
        rl.close();
        process.stderr.write('\n');
        done(answer.trim());
      });
    });
  const first = await ask('Mã PIN mới / New PIN (4–12 chữ số / digits): ');
  const again = await ask('Nhập lại / Again: ');
  if (first !== again) throw new UsageError('the two PINs differ; nothing was changed');
  return first;
}

export async function commandSetPin(argv: string[], defaultConfig: string): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { config: { type: 'string' } } });
  const file = resolve(values.config ?? defaultConfig);
  const before = loadConfig(file);
  const pin = await readPin();
  if (!PIN_FORMAT.test(pin)) throw new UsageError('the PIN must be 4 to 12 digits; nothing was changed');
  const text = withPinHash(file, readFileSync(file, 'utf8'), hashPin(pin));
  const parsed = extname(file).toLowerCase() === '.json' ? (JSON.parse(text) as unknown) : (parseDocument(text).toJS() as unknown);
  validateConfig(file, parsed);
  const temp = join(dirname(file), `.${Date.now()}-set-pin.tmp`);
  writeFileSync(temp, text, { mode: statSync(file).mode & 0o777 });
  renameSync(temp, file);
  const restart = before.hardware.selfTest.pinHash !== undefined;
  process.stdout.write(
    `Đã lưu mã PIN cài đặt vào ${file} (hardware.selfTest.pinHash).${restart ? ' Khởi động lại terminal để dùng mã mới: sudo systemctl restart gate-terminal-kiosk (hoặc gate-terminal-host)' : ' Terminal đang chạy dùng mã này ngay ở lần nhập PIN tiếp theo.'}\n` +
      `Saved the settings PIN in ${file} (hardware.selfTest.pinHash).${restart ? ' Restart the terminal to use the new one: sudo systemctl restart gate-terminal-kiosk (or gate-terminal-host)' : ' A running terminal uses it at the next PIN entry.'}\n`,
  );
  return 0;
}
