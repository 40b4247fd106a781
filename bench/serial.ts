/**
 * A ~600-character read (an EU DCC QR) from a serial scanner at 115200 baud, framed and decided. A pacer process sends
 * each frame (+ CR LF) into a socat PTY pair at the wire rate of 115200 baud 8N1 (10 bits a character: 52.3 ms for
 * 602 characters); the gate — createGateApp with a SerialScanner on the other end, SQLite register, simulated relay —
 * frames it, decides, commits and pulses. Measured: the pacer's first byte → the gate's `entry` event, on one clock
 * (performance.timeOrigin + now in both processes). Peers in the same run, frame by frame alternating: the theoretical
 * transport time, and a bare node-serialport reader on a second PTY pair that only waits for the LF (no framing, no
 * decision). Needs socat (apt-get install -y socat).
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createGateApp } from '../main/composition/create-gate-app.js';
import { loadConfig } from '../main/config/load-config.js';
import { silentLogger } from '../main/platform/logger.js';
import { writeTestConfig } from '../test/support/host-process.js';
import { ROOT, tempDir, TEST_ISSUER_PUBLIC } from '../test/support/paths.js';
import { requireSocat, SOCAT_PATH } from '../test/support/socat.js';
import { fmtMs, LATENCY_COLUMNS, latencyRow, summarise, type BenchResult } from './lib/bench.js';
import { dccSeeds } from './lib/dcc-fixtures.js';

const BAUD = 115_200;
const BITS_PER_CHAR = 10; // 8N1: start + 8 data + stop
const PAYLOAD_CHARS = 600;
const FRAMES = 200;
const WARMUP = 10;
const GOAL_SLACK_MS = 10;
const now = () => performance.timeOrigin + performance.now();

/**
 * Runs in the pacer process: writes each frame to the PTY at the wire rate, in the bytes due every 0.5 ms (a USB
 * serial adapter hands the host its bytes in packets every millisecond or so, not one by one).
 */
const PACER = `
const fs = require('node:fs');
const fd = fs.openSync(process.argv[2], 'w');
const nsPerChar = 1e9 * ${BITS_PER_CHAR} / Number(process.argv[3]);
const nap = new Int32Array(new SharedArrayBuffer(4));
process.on('message', (frame) => {
  const bytes = Buffer.from(frame, 'latin1');
  const t0 = performance.timeOrigin + performance.now();
  const start = process.hrtime.bigint();
  let sent = 0;
  while (sent < bytes.length) {
    const due = Math.min(bytes.length, Math.floor(Number(process.hrtime.bigint() - start) / nsPerChar) + 1);
    if (due > sent) sent += fs.writeSync(fd, bytes, sent, due - sent);
    else Atomics.wait(nap, 0, 0, 0.5);
  }
  process.send({ t0, tLast: performance.timeOrigin + performance.now() });
});
process.send('ready');
`;

async function ptyPair(dir: string, name: string): Promise<{ a: string; b: string; socat: ChildProcess }> {
  const a = join(dir, `${name}-a`);
  const b = join(dir, `${name}-b`);
  const socat = spawn(SOCAT_PATH, [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: 'ignore' });
  for (let i = 0; i < 500 && !(existsSync(a) && existsSync(b)); i++) await sleep(5);
  return { a, b, socat };
}

function startPacer(dir: string, device: string): Promise<ChildProcess> {
  const script = join(dir, 'pacer.cjs');
  writeFileSync(script, PACER);
  const pacer = fork(script, [device, String(BAUD)], { stdio: 'ignore' });
  return new Promise((resolve) => pacer.once('message', () => resolve(pacer)));
}

function pace(pacer: ChildProcess, frame: string): Promise<{ t0: number; tLast: number }> {
  return new Promise((resolve) => {
    pacer.once('message', (m) => resolve(m as { t0: number; tLast: number }));
    pacer.send(frame);
  });
}

/**
 * Real ~600-character reads: EU DCC QR texts ("HC1:…", the common 600-character health QR) from the conformance
 * fixtures, with their signer certificates trusted, so each read is fully decoded and its signature verified.
 */
function dccReads(dir: string): { payloads: string[]; signersFile: string } {
  const fixtures = join(ROOT, '..', 'shared', 'fixtures', 'dgc-testdata');
  if (!existsSync(fixtures)) throw new Error(`the serial bench reads EU DCC conformance fixtures from ${fixtures}`);
  const files: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.json')) files.push(full);
    }
  };
  walk(fixtures);
  const seeds = dccSeeds(files.map((f) => readFileSync(f, 'utf8')));
  const payloads = seeds.prefixes.filter((p) => Math.abs(p.length - PAYLOAD_CHARS) <= 40).sort((a, b) => Math.abs(a.length - PAYLOAD_CHARS) - Math.abs(b.length - PAYLOAD_CHARS));
  const signersFile = join(dir, 'dcc-signers.json');
  writeFileSync(signersFile, JSON.stringify(seeds.certificates.map((certificate) => ({ certificate }))));
  return { payloads, signersFile };
}

export async function run(): Promise<BenchResult> {
  requireSocat();
  const dir = tempDir('bench-serial');
  const gatePair = await ptyPair(dir, 'gate');
  const peerPair = await ptyPair(dir, 'peer');
  const reads = dccReads(dir);
  const config = loadConfig(
    writeTestConfig(dir, {
      extraConfig: {
        trust: { issuers: [{ name: 'TEST issuer', publicKeyFile: TEST_ISSUER_PUBLIC, test: true }], dccSigners: reads.signersFile },
        hardware: { scanDebounceMs: 0, scanners: [{ kind: 'serial', id: 'bench', path: gatePair.a, baudRate: BAUD }] },
      },
    }),
  );
  const app = await createGateApp(config, { hostMode: 'browser', logger: silentLogger });
  const { SerialPort } = await import('serialport');
  const peerPort = new SerialPort({ path: peerPair.a, baudRate: BAUD });
  await new Promise((resolve) => peerPort.once('open', resolve));
  const [gatePacer, peerPacer] = await Promise.all([startPacer(dir, gatePair.b), startPacer(dir, peerPair.b)]);
  const ours: number[] = [];
  const afterLastByte: number[] = [];
  const peer: number[] = [];
  const sent: number[] = [];
  const outcomes = new Map<string, number>();
  const lengths: number[] = [];
  try {
    const tokens = Array.from({ length: WARMUP + FRAMES }, (_, i) => reads.payloads[i % reads.payloads.length]!);
    for (const [i, token] of tokens.entries()) {
      const decided = new Promise<{ at: number; outcome: string }>((resolve) => {
        const off = app.gate.events.add((e) => {
          if (e.name === 'entry') {
            off();
            resolve({ at: now(), outcome: e.data.decision.outcome });
          }
        });
      });
      const times = await pace(gatePacer, `${token}\r\n`);
      const { at, outcome } = await decided;
      const peerSeen = new Promise<number>((resolve) => {
        const onData = (chunk: Buffer) => {
          if (chunk.includes(0x0a)) {
            peerPort.off('data', onData);
            resolve(now());
          }
        };
        peerPort.on('data', onData);
      });
      const peerTimes = await pace(peerPacer, `${token}\r\n`);
      const peerAt = await peerSeen;
      if (i < WARMUP) continue;
      ours.push(at - times.t0);
      afterLastByte.push(at - times.tLast);
      sent.push(times.tLast - times.t0);
      peer.push(peerAt - peerTimes.t0);
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      lengths.push(token.length);
    }
  } finally {
    gatePacer.kill();
    peerPacer.kill();
    await new Promise((resolve) => peerPort.close(resolve));
    await app.close();
    gatePair.socat.kill();
    peerPair.socat.kill();
  }
  const meanChars = lengths.reduce((a, b) => a + b, 0) / lengths.length;
  const transportMs = ((meanChars + 2) * BITS_PER_CHAR * 1000) / BAUD;
  const decided = [...outcomes].map(([o, n]) => `${n} ${o}`).join(', ');
  const o = summarise(ours);
  const p = summarise(peer);
  const tail = summarise(afterLastByte);
  const s = summarise(sent);
  return {
    title: `serial scanner: ${PAYLOAD_CHARS}-character read at ${BAUD} baud → framed → decided → committed`,
    method:
      `${FRAMES} frames (after ${WARMUP} warm-up) of EU DCC QR texts (${reads.payloads.length} distinct from the conformance fixtures, ${Math.min(...lengths)}–${Math.max(...lengths)} characters, mean ${meanChars.toFixed(0)}) + CR LF, ` +
      `each paced onto a socat PTY pair at ${BAUD} baud 8N1 by a separate process; the gate (createGateApp, SerialScanner on the PTY, SQLite WAL + synchronous=FULL, ` +
      `simulated relay, the fixtures' signers trusted) frames, decodes, verifies, decides (${decided}), commits and emits the entry. ` +
      "Latency = pacer's first byte → gate's entry event (one clock across processes).",
    peer: {
      name: 'the wire itself and a bare serialport reader',
      method: `Theoretical transport time of the mean frame (${(meanChars + 2).toFixed(0)} characters) at ${BAUD} baud 8N1 (${transportMs.toFixed(1)} ms); and the same frames, alternating frame by frame, paced onto a second PTY pair read by a bare node-serialport 'data' listener that only waits for the LF.`,
    },
    goals: [
      { goal: `p99 first byte → decided ≤ transport time + ${GOAL_SLACK_MS} ms (${(transportMs + GOAL_SLACK_MS).toFixed(1)} ms)`, measured: fmtMs(o.p99), met: o.p99 <= transportMs + GOAL_SLACK_MS },
      { goal: `p99 last byte sent → decided ≤ ${GOAL_SLACK_MS} ms`, measured: fmtMs(tail.p99), met: tail.p99 <= GOAL_SLACK_MS },
    ],
    ratios: [
      { metric: 'p50 first byte → decided vs theoretical transport time', ours: fmtMs(o.p50), peer: fmtMs(transportMs), ratio: o.p50 / transportMs, better: 'lower' },
      { metric: 'p99 first byte → decided vs theoretical transport time', ours: fmtMs(o.p99), peer: fmtMs(transportMs), ratio: o.p99 / transportMs, better: 'lower' },
      { metric: 'p50 first byte → decided vs bare serialport read of the LF', ours: fmtMs(o.p50), peer: fmtMs(p.p50), ratio: o.p50 / p.p50, better: 'lower' },
      { metric: 'p99 first byte → decided vs bare serialport read of the LF', ours: fmtMs(o.p99), peer: fmtMs(p.p99), ratio: o.p99 / p.p99, better: 'lower' },
    ],
    tables: [
      {
        title: 'Latency',
        columns: LATENCY_COLUMNS,
        rows: [
          latencyRow('gate: first byte → framed, decided, committed (entry event)', o),
          latencyRow('gate: last byte sent → entry event', tail),
          latencyRow('peer: first byte → bare reader sees the LF', p),
          latencyRow('pacer: first → last byte sent (the paced wire)', s),
        ],
      },
    ],
    notes: [
      'A PTY has no baud rate of its own: the pacing process makes the byte timing of a real 115200 baud line; socat relays between the two PTYs as bytes come.',
      'Pacer, socat, the gate and the bare reader share the two cores of this machine (and with whatever else runs on it: see the load average above).',
    ],
  };
}
