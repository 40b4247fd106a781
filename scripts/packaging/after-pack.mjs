// electron-builder's afterPack hook (electron-builder.yml): before the Electron flavour's .deb / AppImage is made,
// every packed .node must fit the Electron that will load it — its NODE_MODULE_VERSION (node-abi's figure for the
// pinned Electron) and the target machine. A global npm `nodedir=/usr` once made the rebuild target the build
// machine's Node instead (issue 14): Electron would have refused the add-ons at the first require().
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { addonProblems } from './elf-addon.mjs';
import { findAddons } from './native-addons.mjs';

/** electron-builder's Arch enum. */
const ARCH = { 0: 'ia32', 1: 'x64', 2: 'arm', 3: 'arm64' };

/** NODE_MODULE_VERSION of Electron `version`, by node-abi (the table @electron/rebuild uses too). */
export function electronAbi(projectDir, version) {
  const nodeAbi = createRequire(join(projectDir, 'package.json'))('node-abi');
  return Number(nodeAbi.getAbi(version, 'electron'));
}

export function installedElectronVersion(projectDir) {
  return JSON.parse(readFileSync(join(projectDir, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

export async function afterPack(context) {
  const projectDir = context.packager.projectDir;
  const version = context.packager.info?.framework?.version ?? installedElectronVersion(projectDir);
  const abi = electronAbi(projectDir, version);
  const arch = ARCH[context.arch];
  const problems = addonProblems(findAddons(join(context.appOutDir, 'resources', 'app')), { abi, arch, label: `Electron ${version}` });
  if (problems.length > 0) throw new Error(`native add-ons do not fit Electron ${version} (ABI ${abi}, ${arch}):\n  ${problems.join('\n  ')}`);
}
