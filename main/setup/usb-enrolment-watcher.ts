/**
 * Watches the configured USB mount folders (setup.usbMountPatterns, e.g. /media/*\/* where desktop automounters put
 * a stick) for enroll.json while the terminal waits to be enrolled. Polling, not inotify: mount points come and go,
 * and a poll every two seconds costs nothing on an idle setup screen. Each version of a file is tried once.
 */
import { readdirSync } from 'node:fs';
import { expandMountPattern, readEnrolFile, tokenOfEnrolFile } from './enrolment-token.js';

export class UsbEnrolmentWatcher {
  private timer: NodeJS.Timeout | undefined;
  private readonly tried = new Set<string>();

  constructor(
    private readonly settings: { readonly usbMountPatterns: readonly string[]; readonly usbPollSeconds: number },
    private readonly onToken: (token: string) => void,
    private readonly onInvalidFile: (path: string) => void,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.poll(), this.settings.usbPollSeconds * 1000);
    this.timer.unref();
    this.poll();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  poll(): void {
    for (const pattern of this.settings.usbMountPatterns) {
      for (const dir of expandMountPattern(pattern, (d) => readdirSync(d))) {
        const file = readEnrolFile(dir);
        if (!file) continue;
        const key = `${file.path}@${file.version}`;
        if (this.tried.has(key)) continue;
        this.tried.add(key);
        const token = tokenOfEnrolFile(file.text);
        if (token) this.onToken(token);
        else this.onInvalidFile(file.path);
        return; // one file per poll: the enrolment it started decides what happens next
      }
    }
  }
}
