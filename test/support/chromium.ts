/**
 * Debian's Chromium driven by playwright-core (no downloaded browsers): a fresh profile per launch, and a monitor that
 * collects what must never happen on the guard screen (console errors, uncaught exceptions, CSP violations, failed
 * requests) so tests can assert there were none.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.GATE_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_INSTALL_HINT = 'apt-get install -y chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  // As in the Electron window: the outcome sounds play for scans, which come without a user gesture.
  '--autoplay-policy=no-user-gesture-required',
];

export interface LaunchedChromium {
  readonly context: BrowserContext;
  readonly browser: Browser | null;
  readonly profileDir: string;
  /** Closes the browser and removes the temporary profile. Idempotent. */
  close(): Promise<void>;
}

/**
 * Launches Chromium with a fresh temporary --user-data-dir. Throws (the test FAILS, it does not skip) when the
 * browser is not installed: an end-to-end suite that silently skips proves nothing.
 */
export async function launchChromium(
  options: { executablePath?: string; viewport?: { width: number; height: number }; extraArgs?: readonly string[] } = {},
): Promise<LaunchedChromium> {
  const executablePath = options.executablePath ?? CHROMIUM_PATH;
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}; the guard-screen end-to-end tests need Debian's Chromium.\n` +
        `Install it with:  ${CHROMIUM_INSTALL_HINT}   (or set GATE_CHROMIUM to another Chromium binary)`,
    );
  }
  const profileDir = mkdtempSync(join(tmpdir(), 'gate-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath,
      headless: true,
      args: [...CHROMIUM_ARGS, ...(options.extraArgs ?? [])],
      viewport: options.viewport ?? { width: 1280, height: 800 },
      locale: 'vi-VN',
      timezoneId: 'Europe/Berlin', // deliberately not the checkpoint's zone: the screen must not depend on it
      timeout: 0, // no launch limit of its own: the hook's timeout bounds it
    });
    // No time budget per step (click, waitFor, goto, waitForFunction): on a loaded machine a step takes longer, not
    // forever. Each wait is on a condition; the test's own timeout (vitest.config.ts) is the one bound.
    context.setDefaultTimeout(0);
  } catch (error) {
    rmSync(profileDir, { recursive: true, force: true });
    throw new Error(`could not launch Chromium at ${executablePath} (is it installed? ${CHROMIUM_INSTALL_HINT}): ${(error as Error).message}`, {
      cause: error,
    });
  }
  let closed = false;
  return {
    context,
    browser: context.browser(),
    profileDir,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await context.close();
      } finally {
        rmSync(profileDir, { recursive: true, force: true, maxRetries: 3 });
      }
    },
  };
}

export interface CspViolation {
  readonly directive: string;
  readonly blockedURI: string;
  readonly sourceFile: string;
}

export interface PageProblems {
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
  readonly cspViolations: CspViolation[];
  readonly failedRequests: string[];
  /** Everything above in one list, for `assert.deepEqual(problems.all(), [])`. */
  all(): string[];
}

const CSP_BINDING = '__gateTestReportCsp';

/**
 * Starts collecting problems on `page`; call before the first navigation. CSP violations are caught twice: by a
 * `securitypolicyviolation` listener injected before any page script runs, and as the console error Chromium logs.
 */
export async function monitorPage(page: Page): Promise<PageProblems> {
  const problems: PageProblems = {
    consoleErrors: [],
    pageErrors: [],
    cspViolations: [],
    failedRequests: [],
    all() {
      return [
        ...this.consoleErrors.map((m) => `console error: ${m}`),
        ...this.pageErrors.map((m) => `page error: ${m}`),
        ...this.cspViolations.map((v) => `CSP violation: ${v.directive} blocked ${v.blockedURI} (${v.sourceFile})`),
        ...this.failedRequests.map((m) => `request failed: ${m}`),
      ];
    },
  };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(`${message.text()} @ ${message.location().url}`);
  });
  page.on('pageerror', (error) => problems.pageErrors.push(error.stack ?? error.message));
  page.on('requestfailed', (request) => {
    // A navigation away or a closed page aborts in-flight requests; that is the test's doing, not the screen's.
    if (request.failure()?.errorText === 'net::ERR_ABORTED' && page.isClosed()) return;
    problems.failedRequests.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText ?? '?'}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.failedRequests.push(`${response.request().method()} ${response.url()}: HTTP ${response.status()}`);
  });
  await page.exposeFunction(CSP_BINDING, (violation: CspViolation) => {
    problems.cspViolations.push(violation);
  });
  await page.addInitScript((binding: string) => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as Record<string, (v: unknown) => void>)[binding];
      report?.({ directive: event.effectiveDirective, blockedURI: event.blockedURI, sourceFile: event.sourceFile });
    });
  }, CSP_BINDING);
  return problems;
}
