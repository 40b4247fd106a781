/** Replaced at build time by scripts/build.mjs from package.json; the fallback serves tests run from source. */
declare const __GATE_VERSION__: string | undefined;
export const APP_VERSION: string = typeof __GATE_VERSION__ === 'string' ? __GATE_VERSION__ : '0.0.0-dev';
