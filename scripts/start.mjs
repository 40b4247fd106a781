// `npm start` (after `node scripts/build.mjs`): picks the host for this machine and runs it.
//   node scripts/start.mjs [--config FILE]       (or GATE_TERMINAL_CONFIG=FILE; default config/default.yaml)
// Electron when host.mode allows it, its binary is installed and there is a display; otherwise the browser host,
// in this process. The choice and its reason are printed first.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'dist', 'cli.mjs');
if (!existsSync(bundle)) {
  process.stderr.write('gate-terminal: dist/cli.mjs is missing; run `node scripts/build.mjs` first.\n');
  process.exit(1);
}
const { main, chooseHostMode, findElectronBinary, readHostModeFromConfig, defaultConfigPath } = await import(bundle);

let values;
try {
  ({ values } = parseArgs({ args: process.argv.slice(2), options: { config: { type: 'string' } } }));
} catch (error) {
  process.stderr.write(`gate-terminal: ${error.message}\nUsage: npm start [-- --config FILE]\n`);
  process.exit(2);
}
const configPath = resolve(values.config ?? process.env.GATE_TERMINAL_CONFIG ?? defaultConfigPath());
const configuredMode = readHostModeFromConfig(configPath);
if (configuredMode === undefined) process.exit(2);

const electronBinary = findElectronBinary(root);
const choice = chooseHostMode({
  configuredMode,
  electronBinary,
  env: process.env,
  platform: process.platform,
  runningAsRoot: process.getuid?.() === 0,
});
console.log(`gate-terminal: starting ${choice.mode} host — ${choice.reason}`);

if (choice.mode === 'electron') {
  runElectron(electronBinary, configPath);
} else {
  process.exitCode = await main(['start', '--config', configPath]);
}

function runElectron(binary, config) {
  const env = { ...process.env, GATE_TERMINAL_CONFIG: config };
  delete env.ELECTRON_RUN_AS_NODE; // would turn the binary into a plain Node
  // The app folder, so Electron reads package.json (name, "main": dist/electron-main.mjs) and keeps its own userData.
  const child = spawn(binary, [root], { stdio: 'inherit', env });
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, forward);
  child.on('error', (error) => {
    process.stderr.write(`gate-terminal: cannot start Electron (${binary}): ${error.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exit(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1));
  });
}
