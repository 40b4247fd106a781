// What goes into the package, read from electron-builder.yml (the one list of what a terminal ships, for both the
// Electron flavour built by electron-builder and the browser-kiosk flavour built by scripts/package-deb.mjs):
//   `files`           → resources/app/ (globs over the project; `!node_modules/X${/*}` drops package X),
//   `extraResources`  → resources/ (folders with a filter, or single files),
//   the node_modules  → the production closure of package.json's dependencies, without the dropped packages and
//                       anything only they need (the hub's packages never reach a terminal).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';

export function readBuilderConfig(root) {
  return parseYaml(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
}

/** electron-builder's glob dialect as far as electron-builder.yml uses it: `**`, `*`, and `${/*}` (a folder and all below). */
export function globToRegExp(glob) {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    if (glob.startsWith('${/*}', i)) {
      re += '(?:/.*)?';
      i += 4;
    } else if (glob.startsWith('**/', i)) {
      re += '(?:.*/)?';
      i += 2;
    } else if (glob.startsWith('**', i)) {
      re += '.*';
      i += 1;
    } else if (glob[i] === '*') re += '[^/]*';
    else re += glob[i].replace(/[.+?^$()[\]{}|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function walk(dir, base = dir) {
  if (!existsSync(dir)) return [];
  if (!statSync(dir).isDirectory()) return [relative(base, dir).split(sep).join('/')];
  return readdirSync(dir).flatMap((name) => walk(join(dir, name), base));
}

/**
 * Project files (not node_modules) that `files` selects, as paths relative to the project root. `sources` reads a
 * top-level folder from elsewhere: `{ dist: DIR }` lists a build made in DIR instead of the project's dist/.
 */
export function appFiles(root, config, sources = {}) {
  const patterns = config.files.filter((p) => !/^!?node_modules\//.test(p));
  const include = patterns.filter((p) => !p.startsWith('!')).map(globToRegExp);
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => globToRegExp(p.slice(1)));
  const tops = new Set(patterns.filter((p) => !p.startsWith('!')).map((p) => p.split('/')[0]));
  return [...tops]
    .flatMap((top) => (sources[top] ? walk(sources[top]).map((f) => `${top}/${f}`) : walk(join(root, top), root)))
    .filter((f) => include.some((r) => r.test(f)) && !exclude.some((r) => r.test(f)))
    .sort();
}

/** Where an `appFiles` path is read from: under its folder's entry in `sources`, else under the project root. */
export function appFileSource(root, file, sources = {}) {
  const [top, ...rest] = file.split('/');
  return sources[top] && rest.length > 0 ? join(sources[top], ...rest) : join(root, file);
}

/** Package (or scope) names that `files` drops (`!node_modules/NAME${/*}`). */
export function droppedPackages(config) {
  return config.files.map((f) => /^!node_modules\/(.+)\$\{\/\*\}$/.exec(f)?.[1]).filter(Boolean);
}

/**
 * The node_modules folders (e.g. `node_modules/pino`, `node_modules/a/node_modules/b`) needed at runtime: from the
 * root's dependencies minus the dropped ones, following each package's dependencies (and installed optional ones)
 * the way Node resolves them (nearest node_modules upwards), per package-lock.json.
 */
export function productionModules(root, dropped) {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')).packages;
  const needed = new Set();
  const resolve = (from, name) => {
    for (let dir = from; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf('/node_modules/')))) {
      const candidate = `${dir === '' ? '' : `${dir}/`}node_modules/${name}`;
      if (lock[candidate]) return candidate;
      if (dir === '') return undefined;
    }
  };
  const visit = (from, names, optional) => {
    for (const name of names) {
      const path = resolve(from, name);
      if (path === undefined) {
        if (optional) continue;
        throw new Error(`package-lock.json: ${from || 'the project'} needs ${name}, which is not installed`);
      }
      if (needed.has(path) || (optional && !existsSync(join(root, path)))) continue;
      needed.add(path);
      const entry = lock[path];
      visit(path, Object.keys(entry.dependencies ?? {}), false);
      visit(path, Object.keys(entry.optionalDependencies ?? {}), true);
    }
  };
  const top = lock[''];
  // A dropped name is a package or a whole scope (`@fastify` drops @fastify/static, …).
  const kept = (name) => !dropped.some((d) => name === d || name.startsWith(`${d}/`));
  visit('', Object.keys(top.dependencies ?? {}).filter(kept), false);
  visit('', Object.keys(top.optionalDependencies ?? {}).filter(kept), true);
  return [...needed].sort();
}

/**
 * `extraResources` as {from, to} pairs of single files, `to` relative to resources/.
 * @returns {{ from: string, to: string }[]}
 */
export function extraResourceFiles(root, config) {
  return config.extraResources.flatMap((entry) => {
    const from = join(root, entry.from);
    if (!statSync(from).isDirectory()) return [{ from, to: entry.to }];
    const filters = (entry.filter ?? ['**/*']).map(globToRegExp);
    return walk(from)
      .filter((f) => filters.some((r) => r.test(f)))
      .map((f) => ({ from: join(from, f), to: `${entry.to}/${f}` }));
  });
}
