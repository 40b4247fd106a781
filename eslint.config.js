// Lint, including the layering rules of docs/architecture.md: core is pure, the renderer never reaches Node or the
// host, drivers import native modules only lazily, and only main/electron touches Electron at runtime.
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const layer = (folders, why) => ({ regex: `(^|/)(${folders.join('|')})/`, message: why });
const nativeModules = ['serialport', '@serialport/*', 'node-hid', 'onoff', 'usb'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-results/**', '**/*.d.ts', 'hub/declare/assets/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['*.js', 'scripts/*.mjs', 'bin/*.mjs'] } } },
    rules: {
      // The test runner's test/describe/it return promises the runner awaits itself.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] },
            { from: 'package', package: 'vitest', name: ['test', 'describe', 'it', 'beforeAll', 'afterAll', 'beforeEach', 'afterEach'] },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['scripts/**', 'bin/**', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, 'electron', 'better-sqlite3', 'ws', 'zod', ...nativeModules].map((name) => ({ name, message: 'core/ is pure: no I/O modules' })),
          patterns: [layer(['main', 'hardware', 'renderer', 'hub', 'test'], 'core/ imports nothing from the other layers')],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', 'fetch', 'XMLHttpRequest', 'WebSocket', 'localStorage', 'document', 'window', 'setTimeout', 'setInterval'],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'core takes time as an argument' },
        { object: 'Math', property: 'random', message: 'core takes randomness as an argument' },
        { object: 'performance', property: 'now', message: 'core takes time as an argument' },
      ],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'core takes time as an argument' }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, 'electron', 'better-sqlite3', 'ws', ...nativeModules].map((name) => ({ name, message: 'the renderer has no Node access' })),
          patterns: [layer(['main', 'hardware', 'hub'], 'the renderer talks to the host only through the contract in core/contract')],
        },
      ],
    },
  },
  {
    files: ['hardware/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nativeModules.filter((m) => !m.includes('*')).map((name) => ({ name, message: 'import native modules lazily (await import) inside the real driver', allowTypeImports: true })),
          patterns: [layer(['main', 'renderer', 'hub'], 'hardware/ depends on core only'), { group: ['@serialport/*'], allowTypeImports: true, message: 'import lazily' }],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/electron-main.ts', 'main/electron/preload.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', allowTypeImports: true, message: 'only main/electron/electron-main.ts and preload.ts import electron at runtime (tests inject a fake)' }, ...nativeModules.filter((m) => !m.includes('*')).map((name) => ({ name, message: 'native modules belong to hardware/ drivers' }))],
          patterns: [layer(['renderer', 'hub'], 'main/ depends on core and hardware only')],
        },
      ],
    },
  },
  {
    files: ['hub/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'the hub is a server' }], patterns: [layer(['main', 'renderer', 'hardware'], 'hub/ depends on core only')] }],
    },
  },
);
