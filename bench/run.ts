/**
 * Benchmark runner. `npm run bench` runs every bench in bench/ (each *.ts file here other than this one exports
 * `run(): Promise<BenchResult>`); `npm run bench -- decision` runs one. Each result is printed and replaces its own
 * section of bench/RESULTS.md (between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`); other sections are kept.
 * `--check` makes the exit code 1 when a stated goal was missed.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fmtRatio, type BenchFunction, type BenchResult } from './lib/bench.js';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const RESULTS = join(BENCH_DIR, 'RESULTS.md');
const HEADER = `# Benchmark results

Written by \`npm run bench\` (\`bench/run.ts\`); each section is replaced when its bench runs again. Figures are only
comparable with the peer measured in the same run on the same machine, hence the ratios.
`;

function availableBenches(): string[] {
  return readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.d.ts'))
    .map((f) => f.slice(0, -'.ts'.length))
    .sort();
}

function machine(): string {
  const cpu = cpus();
  return `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version}, ${platform()} ${release()} ${arch()}`;
}

function table(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(columns), line(columns.map(() => '---')), ...rows.map(line)].join('\n');
}

interface RunMeta {
  readonly date: string;
  readonly machine: string;
  readonly seconds: number;
  /** 1-minute load average before and after: other work on the machine shows up in the tails. */
  readonly load: readonly [number, number];
}

export function renderSection(name: string, result: BenchResult, meta: RunMeta): string {
  const parts = [
    `<!-- bench:${name} -->`,
    `## ${name} — ${result.title}`,
    '',
    `Run ${meta.date} on ${meta.machine}; the bench took ${meta.seconds.toFixed(1)} s ` +
      `(1-minute load average ${meta.load[0].toFixed(2)} before, ${meta.load[1].toFixed(2)} after).`,
    '',
    result.method,
    '',
    `**Peer** (measured in the same run): ${result.peer.name}. ${result.peer.method}`,
    '',
    '### Goals',
    '',
    table(
      ['goal', 'measured', 'met'],
      result.goals.map((g) => [g.goal, g.measured, g.met ? 'yes' : '**NO**']),
    ),
    '',
    '### Ratios against the peer',
    '',
    table(
      ['metric', 'ours', 'peer', 'ours / peer', 'better is'],
      result.ratios.map((r) => [r.metric, r.ours, r.peer, fmtRatio(r.ratio), r.better]),
    ),
  ];
  for (const t of result.tables) parts.push('', `### ${t.title}`, '', table(t.columns, t.rows));
  if (result.notes?.length) parts.push('', '### Notes', '', ...result.notes.map((n) => `- ${n}`));
  parts.push(`<!-- /bench:${name} -->`);
  return parts.join('\n');
}

/** Replaces the bench's section in place, or appends it; everything outside that section is left as it was. */
export function mergeSection(existing: string, name: string, section: string): string {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const from = existing.indexOf(start);
  const to = existing.indexOf(end, from);
  if (from >= 0 && to > from) return existing.slice(0, from) + section + existing.slice(to + end.length);
  const base = existing.trim() === '' ? HEADER : existing.replace(/\s*$/, '\n');
  return `${base}\n${section}\n`;
}

async function runOne(name: string): Promise<boolean> {
  const mod = (await import(pathToFileURL(join(BENCH_DIR, `${name}.ts`)).href)) as { run?: BenchFunction };
  if (typeof mod.run !== 'function') throw new Error(`bench/${name}.ts does not export run()`);
  process.stdout.write(`bench ${name}: running…\n`);
  const loadBefore = loadavg()[0]!;
  const started = process.hrtime.bigint();
  const result = await mod.run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.ratios.length === 0) throw new Error(`bench ${name} reported no ratio against a peer measured in the same run`);
  const section = renderSection(name, result, { date: new Date().toISOString(), machine: machine(), seconds, load: [loadBefore, loadavg()[0]!] });
  process.stdout.write(`\n${section}\n\n`);
  const existing = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '';
  writeFileSync(RESULTS, mergeSection(existing, name, section));
  process.stdout.write(`bench ${name}: written to ${RESULTS}\n`);
  return result.goals.every((g) => g.met);
}

async function main(argv: string[]): Promise<number> {
  const check = argv.includes('--check');
  const names = argv.filter((a) => a !== '--check');
  const available = availableBenches();
  const unknown = names.filter((n) => !available.includes(n));
  if (unknown.length > 0) {
    process.stderr.write(`unknown bench ${unknown.join(', ')}; available: ${available.join(', ')}\n`);
    return 2;
  }
  let allMet = true;
  for (const name of names.length > 0 ? names : available) allMet = (await runOne(name)) && allMet;
  if (!allMet) process.stdout.write('some goals were NOT met (see above)\n');
  return check && !allMet ? 1 : 0;
}

// Only when run as the script (importing this module for its helpers must not start a bench).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await main(process.argv.slice(2));
