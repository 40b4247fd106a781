/**
 * LibgpiodLine against fake gpiod tools on PATH (libgpiod 1.6 and 2.x command lines): what it asks the tools to do,
 * synchronous safe state, busy lines, edges, and clear errors.
 */
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { holdArgs, monitorArgs, parseMonitorLine, parseToolsVersion, setOnceArgs } from '../../../hardware/gpio/gpiod-tool-dialect.js';
import type { GpioEdge, GpioLine } from '../../../hardware/gpio/gpio-line.js';
import { LibgpiodGpio } from '../../../hardware/gpio/libgpiod-gpio.js';
import { LibgpiodLine } from '../../../hardware/gpio/libgpiod-line.js';
import { tiedScript } from '../../../hardware/gpio/tied-process.js';
import { fakeGpioTools } from '../../support/fake-gpio-tools.js';

test('command lines for libgpiod 1.6 and 2.x', () => {
  assert.equal(parseToolsVersion('gpioset (libgpiod) v1.6.3\nCopyright'), 1);
  assert.equal(parseToolsVersion('gpioset (libgpiod) v2.1.3'), 2);
  assert.equal(parseToolsVersion('gpioset 0.1'), undefined);
  const line = { chip: 'gpiochip0', offset: 17 };
  assert.deepEqual(holdArgs(1, line, 1, 'gate'), ['--mode=signal', 'gpiochip0', '17=1']);
  assert.deepEqual(setOnceArgs(1, line, 0, 'gate'), ['gpiochip0', '17=0']);
  assert.deepEqual(monitorArgs(1, line, 'gate', 'pull-up'), ['-b', '--bias=pull-up', '-F', '%e', 'gpiochip0', '17']);
  assert.deepEqual(holdArgs(2, { name: 'RELAY' }, 1, 'gate'), ['-C', 'gate', 'RELAY=1']);
  assert.deepEqual(setOnceArgs(2, line, 0, 'gate'), ['-c', 'gpiochip0', '-C', 'gate', '-t0', '17=0']);
  assert.deepEqual(monitorArgs(2, line, 'gate'), ['-c', 'gpiochip0', '-C', 'gate', '--bias=as-is', '-e', 'both', '-F', '%E', '17']);
  assert.equal(parseMonitorLine(1, '1\n'), 'rising');
  assert.equal(parseMonitorLine(1, '0'), 'falling');
  assert.equal(parseMonitorLine(2, 'falling'), 'falling');
  assert.equal(parseMonitorLine(2, '"GPIO17" rising'), undefined);
  assert.throws(() => holdArgs(1, { name: 'RELAY' }, 1, 'gate'), /need a chip and an offset/);
  // The wrapper quotes what it runs and retries the after-death one-shot.
  assert.match(tiedScript(['gpioset', "it's"], ['gpioset', 'x']), /gpioset 'it'\\''s'; echo/);
  assert.match(tiedScript(['a'], ['gpioset', 'x']), /for attempt in 1 2 3 .* do gpioset x && break; sleep 0.05; done/);
});

for (const version of [1, 2] as const) {
  test(`libgpiod ${version}.x: an output is set synchronously, then held; changes replace the holder; close leaves it safe`, async () => {
    const tools = fakeGpioTools({ version, names: { RELAY: ['gpiochip0', 5] } });
    const gpio = new LibgpiodGpio({ env: tools.env });
    assert.equal(gpio.version(), version);
    // Active-low relay board: logical 1 (energised) is electrical 0.
    const line = (await gpio.output({ name: 'RELAY', activeLow: true }, { initial: 0, safe: 0, consumer: 'gate-test' })) as LibgpiodLine;
    try {
      assert.deepEqual(tools.sets('gpiochip0', 5)[0], { value: 1, how: 'once', pid: tools.sets('gpiochip0', 5)[0]!.pid }, 'the initial level is applied before output() resolves');
      await tools.waitFor('holder at 1', () => (tools.sets('gpiochip0', 5).at(-1)?.how === 'hold' ? true : undefined));
      line.write(1);
      line.write(0);
      line.write(1); // coalesced: only the latest level needs a holder
      await line.settled();
      await tools.waitFor('holder at electrical 0', () => {
        const last = tools.sets('gpiochip0', 5).at(-1);
        return last?.how === 'hold' && last.value === 0 ? true : undefined;
      });
      assert.equal(line.level(), 1);
      line.writeSync(0);
      assert.deepEqual(tools.sets('gpiochip0', 5).at(-1)?.value, 1, 'writeSync has applied the level when it returns');
    } finally {
      line.close();
    }
    assert.equal(tools.lastValue('gpiochip0', 5), 1);
    assert.equal(tools.sets('gpiochip0', 5).at(-1)?.how, 'once');
  });

  test(`libgpiod ${version}.x: an input reports de-bounced logical edges and survives a gpiomon crash`, async () => {
    const tools = fakeGpioTools({ version });
    // The de-bounce reads this clock: time between edges is set, not slept (under load a real pause is longer).
    let clock = 0;
    const gpio = new LibgpiodGpio({ env: tools.env, restartDelayMs: 20, now: () => clock });
    const line = await gpio.input({ chip: 'gpiochip0', offset: 22, activeLow: true }, { debounceMs: 30, consumer: 'gate-test', bias: 'pull-up' });
    const edges: GpioEdge['edge'][] = [];
    const errors: string[] = [];
    line.onEdge((e) => edges.push(e.edge));
    line.onError((e) => errors.push(e.message));
    try {
      await tools.monitoring('gpiochip0', 22);
      tools.emitEdge('gpiochip0', 22, 'falling'); // active-low contact closes: logical rising
      tools.emitEdge('gpiochip0', 22, 'rising'); // bounce within 30 ms: ignored
      await tools.waitFor('first edge', () => (edges.length >= 1 ? true : undefined));
      clock = 60; // past the 30 ms de-bounce
      tools.emitEdge('gpiochip0', 22, 'rising');
      await tools.waitFor('second edge', () => (edges.length >= 2 ? true : undefined));
      assert.deepEqual(edges, ['rising', 'falling']);
      assert.equal(line.level(), 0);
      // gpiomon dies: reported, restarted, and edges flow again.
      const first = tools.records().find((r) => r.tool === 'gpiomon')!;
      process.kill(first.pid, 'SIGKILL');
      await tools.waitFor('a second gpiomon', () => (tools.records().filter((r) => r.tool === 'gpiomon').length === 2 ? true : undefined));
      assert.match(errors.join('\n'), /gpiomon watching gpiochip0 22 exited \(137\).*restarting/);
      clock = 100; // past the de-bounce again
      tools.emitEdge('gpiochip0', 22, 'falling');
      await tools.waitFor('edge after restart', () => (edges.length >= 3 ? true : undefined));
      assert.deepEqual(edges, ['rising', 'falling', 'rising']);
    } finally {
      line.close();
    }
  });
}

test('a line another program keeps busy fails with the kernel answer after retrying; missing tools and unknown lines fail with the fix', async () => {
  const tools = fakeGpioTools({ version: 2 });
  const other = (await new LibgpiodGpio({ env: tools.env }).output({ chip: 'gpiochip0', offset: 9 }, { initial: 1, safe: 0, consumer: 'other' })) as LibgpiodLine;
  await other.settled();
  await tools.waitFor('other holder', () => (tools.sets('gpiochip0', 9).at(-1)?.how === 'hold' ? true : undefined));
  // Another program holding the line for good: the synchronous set gives up with the kernel's answer.
  const context = { version: 2 as const, env: tools.env, now: () => performance.now() };
  assert.throws(() => LibgpiodLine.output('gpiochip0 9', { chip: 'gpiochip0', offset: 9 }, context, { initial: 0, safe: 0, consumer: 'gate' }), /Device or resource busy/);
  other.close();

  const noTools = new LibgpiodGpio({ env: { ...process.env, PATH: '/nonexistent' } });
  await assert.rejects(noTools.output({ chip: 'gpiochip0', offset: 1 }, { initial: 0, safe: 0, consumer: 'gate' }), /gpioset not found: install the gpiod tools \(apt-get install gpiod\)/);
  const v1 = new LibgpiodGpio({ env: fakeGpioTools({ version: 1 }).env });
  await assert.rejects(v1.output({ name: 'NOPE' }, { initial: 0, safe: 0, consumer: 'gate' }), /no GPIO line named "NOPE"/);
  await assert.rejects(v1.output({ chip: 'gpiochip7', offset: 1 }, { initial: 0, safe: 0, consumer: 'gate' }), /error opening gpiochip 'gpiochip7'/);
});

test('lines close idempotently and an input refuses writes', async () => {
  const tools = fakeGpioTools({ version: 2 });
  const gpio = new LibgpiodGpio({ env: tools.env });
  const input: GpioLine = await gpio.input({ chip: 'gpiochip0', offset: 3 }, { debounceMs: 0, consumer: 'gate' });
  assert.throws(() => input.write(1), /is an input/);
  input.close();
  input.close();
});
