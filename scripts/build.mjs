// Builds dist/: the CLI and browser host, Electron main + preload, and the renderer bundle. esbuild only bundles our
// own code (packages stay external: better-sqlite3 and friends load from node_modules); tsc type-checks separately.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// GATE_BUILD_OUT: another output folder. The package build uses one of its own, so that building a package never
// replaces the project's dist/ under a test or a running host that is using it.
const dist = process.env.GATE_BUILD_OUT ? resolve(process.env.GATE_BUILD_OUT) : join(root, 'dist');
const started = Date.now();
rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'renderer'), { recursive: true });

// GATE_TERMINAL_VERSION: the version a package build stamps in (scripts/package-deb.mjs --version), else package.json's.
const define = { __GATE_VERSION__: JSON.stringify(process.env.GATE_TERMINAL_VERSION || pkg.version) };
const node = { bundle: true, platform: 'node', target: 'node20', packages: 'external', sourcemap: 'linked', define, logLevel: 'warning' };
const browser = { bundle: true, platform: 'browser', format: 'esm', target: ['chrome120'], minify: true, sourcemap: 'linked', logLevel: 'warning' };

await Promise.all([
  build({ ...node, entryPoints: [join(root, 'main/cli/gate-cli.ts')], outfile: join(dist, 'cli.mjs'), format: 'esm' }),
  // The hub is its own program: `gate-terminal hub …` loads this bundle by path (main/cli/hub-command.ts).
  build({ ...node, entryPoints: [join(root, 'hub/cli/hub-cli.ts')], outfile: join(dist, 'hub-cli.mjs'), format: 'esm' }),
  build({ ...node, entryPoints: [join(root, 'main/electron/electron-main.ts')], outfile: join(dist, 'electron-main.mjs'), format: 'esm' }),
  // Sandboxed preloads must be a single CommonJS file that requires nothing but 'electron': everything else is inlined
  // (packages included), and preload.ts imports the contract module alone, not core's index (which pulls in cborg).
  build({ ...node, packages: undefined, external: ['electron'], entryPoints: [join(root, 'main/electron/preload.ts')], outfile: join(dist, 'preload.cjs'), format: 'cjs' }),
  build({ ...browser, entryPoints: [join(root, 'renderer/main.tsx')], outfile: join(dist, 'renderer', 'app.js'), jsx: 'automatic', jsxImportSource: 'preact', define }),
  // The camera's QR decoder runs in a Web Worker; zxing-wasm's .wasm is served next to it (never from a CDN).
  build({ ...browser, entryPoints: [join(root, 'renderer/camera/qr-decode-worker.ts')], outfile: join(dist, 'renderer', 'qr-decode-worker.js') }),
  // The hub's admin statistics charts: uPlot bundled in, served same-origin by the hub (hub/admin-web/admin-assets.ts).
  build({ ...browser, entryPoints: [join(root, 'hub/admin-web/client/stats-charts.ts')], outfile: join(dist, 'admin-web', 'stats-charts.js') }),
]);
cpSync(join(root, 'node_modules', 'uplot', 'dist', 'uPlot.min.css'), join(dist, 'admin-web', 'uplot.min.css'));
cpSync(join(root, 'hub', 'admin-web', 'client', 'admin.css'), join(dist, 'admin-web', 'admin.css'));
cpSync(join(root, 'node_modules', 'zxing-wasm', 'dist', 'reader', 'zxing_reader.wasm'), join(dist, 'renderer', 'zxing_reader.wasm'));
// The hub's declaration page assets, next to dist/hub-cli.mjs (hub/declare/declaration-assets.ts reads ./assets/).
cpSync(join(root, 'hub', 'declare', 'assets'), join(dist, 'assets'), { recursive: true });
for (const file of ['index.html', 'styles.css']) cpSync(join(root, 'renderer', file), join(dist, 'renderer', file));
// The screen's font ships with it (no CDN, no dependence on the kiosk's fonts): Noto Sans, variable weight, the
// Vietnamese, Latin and Latin Extended subsets of @fontsource-variable/noto-sans (renderer/styles.css @font-face).
mkdirSync(join(dist, 'renderer', 'fonts'), { recursive: true });
for (const subset of ['latin', 'latin-ext', 'vietnamese']) {
  const file = `noto-sans-${subset}-wght-normal.woff2`;
  cpSync(join(root, 'node_modules', '@fontsource-variable', 'noto-sans', 'files', file), join(dist, 'renderer', 'fonts', file));
}
console.log(`built ${process.env.GATE_BUILD_OUT ? dist : 'dist/'} in ${Date.now() - started} ms`);
