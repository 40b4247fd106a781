/** A condition wait for tests: no sleeps as synchronisation, no time budget of its own unless asked. */

/**
 * Polls until `predicate` holds (sync runs on timers). No time limit unless `timeoutMs` is given: the test's timeout
 * bounds the wait, and a long wait says every 10 s what it waits for, so a test that times out has its reason in the log.
 */
export async function waitFor(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = Number.POSITIVE_INFINITY): Promise<void> {
  const started = Date.now();
  let told = started;
  while (!(await predicate())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    if (Date.now() - told > 10_000) {
      told = Date.now();
      console.log(`still waiting for ${what} (${Math.round((told - started) / 1000)} s)`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20)); // poll interval
  }
}
