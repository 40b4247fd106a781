// What a native add-on (.node, an ELF shared object) was built for, read from the file itself — no loading, so it
// works for another architecture too:
//   - the machine (e_machine: x86-64, AArch64, ARM);
//   - the ABI: `node_register_module_vNNN` (NODE_MODULE_VERSION NNN: must equal the runtime's), or
//     Node-API (`napi_register_module_v1` or a call to napi_module_register: stable across runtimes), or, for add-ons built with the old NODE_MODULE
//     macro (e.g. epoll), the nm_version field of their static `node_module` struct, found through the symbol table.
// A runtime refuses an add-on of another NODE_MODULE_VERSION at the first require() ("was compiled against a
// different Node.js version"): checking here makes a package build fail instead of a terminal at the door.
import { readFileSync } from 'node:fs';

export const ELF_MACHINES = { 62: 'x64', 183: 'arm64', 40: 'arm' };

function sections(buf) {
  if (buf.readUInt32BE(0) !== 0x7f454c46) throw new Error('not an ELF file');
  const is64 = buf[4] === 2;
  const le = buf[5] === 1;
  const u16 = (o) => (le ? buf.readUInt16LE(o) : buf.readUInt16BE(o));
  const u32 = (o) => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
  const addr = (o) => (is64 ? Number(le ? buf.readBigUInt64LE(o) : buf.readBigUInt64BE(o)) : u32(o));
  const shoff = addr(is64 ? 0x28 : 0x20);
  const shentsize = u16(is64 ? 0x3a : 0x2e);
  const shnum = u16(is64 ? 0x3c : 0x30);
  const list = [];
  for (let i = 0; i < shnum; i++) {
    const o = shoff + i * shentsize;
    list.push(
      is64
        ? { type: u32(o + 4), addr: addr(o + 0x10), offset: addr(o + 0x18), size: addr(o + 0x20), link: u32(o + 0x28), entsize: addr(o + 0x38) }
        : { type: u32(o + 4), addr: u32(o + 0x0c), offset: u32(o + 0x10), size: u32(o + 0x14), link: u32(o + 0x18), entsize: u32(o + 0x24) },
    );
  }
  return { is64, le, u16, u32, addr, list, machine: u16(18) };
}

/** Symbols of .symtab and .dynsym: defined name → {value, section index}, and the undefined (imported) names. */
function symbols(buf, elf) {
  const out = new Map();
  const imported = new Set();
  for (const sec of elf.list.filter((s) => s.type === 2 || s.type === 11)) {
    const strtab = elf.list[sec.link];
    for (let o = sec.offset; o + sec.entsize <= sec.offset + sec.size; o += sec.entsize) {
      const nameOff = elf.u32(o);
      const shndx = elf.u16(elf.is64 ? o + 6 : o + 14);
      if (nameOff === 0) continue;
      const start = strtab.offset + nameOff;
      const name = buf.toString('latin1', start, buf.indexOf(0, start));
      if (shndx === 0) imported.add(name);
      else out.set(name, { value: elf.is64 ? elf.addr(o + 8) : elf.u32(o + 4), shndx });
    }
  }
  return { defined: out, imported };
}

/** @returns {{ arch: string, abi: number | 'napi' | undefined }} */
export function inspectAddon(file) {
  const buf = readFileSync(file);
  const elf = sections(buf);
  const arch = ELF_MACHINES[elf.machine] ?? `e_machine ${elf.machine}`;
  const { defined: syms, imported } = symbols(buf, elf);
  for (const name of syms.keys()) {
    const m = /^node_register_module_v(\d+)$/.exec(name);
    if (m) return { arch, abi: Number(m[1]) };
  }
  // NAPI_MODULE_INIT exports napi_register_module_v1; the older NAPI_MODULE calls napi_module_register.
  if (syms.has('napi_register_module_v1') || imported.has('napi_module_register')) return { arch, abi: 'napi' };
  // NODE_MODULE(...) without NODE_MODULE_INIT: a static `node::node_module _module` whose first int is nm_version.
  const mod = [...syms].find(([name]) => name === '_module' || /^_ZL\d+_module$/.test(name));
  if (mod) {
    const sec = elf.list[mod[1].shndx];
    const at = sec.offset + (mod[1].value - sec.addr);
    return { arch, abi: elf.le ? buf.readInt32LE(at) : buf.readInt32BE(at) };
  }
  return { arch, abi: undefined };
}

/**
 * Problems of a set of add-ons for a runtime of NODE_MODULE_VERSION `abi` on `arch`; empty when all of them load.
 * @param {string[]} files
 */
export function addonProblems(files, { abi, arch, label = 'the runtime' }) {
  const problems = [];
  for (const file of files) {
    const found = inspectAddon(file);
    if (found.arch !== arch) problems.push(`${file}: built for ${found.arch}, the package is for ${arch}`);
    if (found.abi === undefined) problems.push(`${file}: no node_register_module_vNNN, napi_register_module_v1 or node_module struct found`);
    else if (found.abi !== 'napi' && found.abi !== abi) {
      problems.push(`${file}: NODE_MODULE_VERSION ${found.abi}, but ${label} loads ${abi} (rebuild it for that runtime)`);
    }
  }
  return problems;
}
