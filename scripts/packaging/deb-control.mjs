// DEBIAN/control of the browser-kiosk package. Its system dependencies are electron-builder.yml's `deb.depends`
// (one list for both flavours) without the libraries only the Electron binary links against, plus what this flavour
// runs instead: Debian's chromium for the screen (a dependency here, only a recommendation for the Electron
// flavour) and the C/C++ runtime of the bundled Node binary.
/** Linked by Electron, not by Node, cage or chromium's own package (which brings its own). */
export const ELECTRON_ONLY = ['libgtk-3-0', 'libnotify4', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0', 'libgbm1', 'libasound2'];
/** The official Node 24 Linux binaries need glibc ≥ 2.28 and libstdc++ (GLIBCXX_3.4.25). */
const NODE_RUNTIME_DEPENDS = ['libc6 (>= 2.28)', 'libstdc++6 (>= 8)'];

export function hostFlavourDepends(config) {
  const depends = config.deb.depends.filter((d) => !ELECTRON_ONLY.includes(d));
  return [...NODE_RUNTIME_DEPENDS, ...depends, 'chromium'];
}

export function hostFlavourRecommends(config) {
  return (config.deb.recommends ?? []).filter((d) => d !== 'chromium');
}

export function hostFlavourControl({ config, pkg, version, debArch, installedSizeKiB }) {
  const description = config.linux.description.trim().split('\n').map((l) => ` ${l.trim() || '.'}`).join('\n');
  const fields = [
    ['Package', config.deb.packageName],
    ['Version', version],
    ['Architecture', debArch],
    ['Maintainer', config.linux.maintainer],
    ['Installed-Size', String(installedSizeKiB)],
    ['Depends', hostFlavourDepends(config).join(', ')],
    ['Recommends', hostFlavourRecommends(config).join(', ')],
    ['Section', config.deb.packageCategory],
    ['Priority', config.deb.priority],
    ['Homepage', pkg.homepage],
    ['Description', `${config.linux.synopsis} (browser kiosk)\n${description}`],
  ];
  return fields.filter(([, v]) => v).map(([k, v]) => `${k}: ${v}`).join('\n') + '\n';
}
