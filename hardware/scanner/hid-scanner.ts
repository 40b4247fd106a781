/**
 * Scanners read as raw HID devices (main process, node-hid): HidPosScanner for HID-POS mode (usage page 0x8C — never
 * types into the screen) and HidKeyboardScanner for keyboard mode read from hidraw instead of the focused window.
 *
 * Hot-plug by polling the device list every `pollIntervalMs`: a matching device that appears is opened (`connected`),
 * one that errors or disappears is closed and waited for (`reconnecting`); never seen since start is `absent`.
 */
import { textOfFrame, type FrameTextOptions } from './frame-text.js';
import { HidKeyboardReportDecoder } from './hid-keyboard-report-decoder.js';
import { HidPosReportDecoder, type HidPosLayout } from './hid-pos-report-decoder.js';
import { describeHidDevice, describeHidMatch, matchesHid, nodeHidTransport, type HidConnection, type HidDeviceInfo, type HidMatch, type HidTransport } from './hid-transport.js';
import { SignalledScanner } from './signalled-scanner.js';

export interface HidScannerOptions {
  readonly id: string;
  readonly match: HidMatch;
  readonly pollIntervalMs: number;
  readonly debounceMs: number;
  readonly text: FrameTextOptions;
  readonly transport?: HidTransport;
  readonly now?: () => number;
}

abstract class HidScanner extends SignalledScanner {
  private readonly transport: HidTransport;
  private connection: HidConnection | undefined;
  private device: HidDeviceInfo | undefined;
  private timer: NodeJS.Timeout | undefined;
  private everConnected = false;
  private running = false;
  private polling: Promise<void> | undefined;

  constructor(
    protected readonly options: HidScannerOptions,
    kind: string,
  ) {
    super(options, kind, 'hid');
    this.transport = options.transport ?? nodeHidTransport();
  }

  get id(): string {
    return this.options.id;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.poll();
    this.timer = setInterval(() => void this.poll(), this.options.pollIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.timer);
    await this.polling;
    await this.disconnect();
    this.signals.setStatus('absent', 'stopped');
  }

  /** One hot-plug check; overlapping checks are coalesced. */
  poll(): Promise<void> {
    this.polling ??= this.checkDevices().finally(() => (this.polling = undefined));
    return this.polling;
  }

  protected abstract handleReport(report: Uint8Array): void;

  protected deliverBytes(bytes: Uint8Array): void {
    const text = textOfFrame(bytes, this.options.text);
    if (text.kind === 'text') this.signals.deliver(text.text);
    else this.signals.noiseFrame(text.reason);
  }

  private async checkDevices(): Promise<void> {
    let devices: HidDeviceInfo[];
    try {
      devices = (await this.transport.list()).filter((d) => matchesHid(d, this.options.match));
    } catch (error) {
      this.signals.setStatus(this.everConnected ? 'reconnecting' : 'absent', `cannot list HID devices: ${(error as Error).message}`);
      return;
    }
    if (!this.running) return;
    if (this.device && devices.some((d) => d.path === this.device!.path)) return;
    if (this.device) await this.lost('removed');
    const candidate = devices[0];
    const waiting = this.everConnected ? 'reconnecting' : 'absent';
    if (!candidate) {
      this.signals.setStatus(waiting, `no HID device matching ${describeHidMatch(this.options.match)} — is it plugged in and in the configured mode?`);
      return;
    }
    try {
      const connection = await this.transport.open(candidate.path);
      if (!this.running) return void (await connection.close());
      this.connection = connection;
      this.device = candidate;
      this.everConnected = true;
      connection.onReport((report) => this.handleReport(report));
      connection.onError((error) => void this.lost(error.message));
      const others = devices.length > 1 ? ` (${devices.length - 1} more matching device(s) ignored)` : '';
      this.signals.setStatus('connected', describeHidDevice(candidate) + others);
    } catch (error) {
      this.signals.setStatus(waiting, (error as Error).message);
    }
  }

  private async lost(reason: string): Promise<void> {
    const device = this.device;
    await this.disconnect();
    if (!this.running || !device) return;
    this.signals.setStatus('reconnecting', `${describeHidDevice(device)} went away (${reason}) — waiting for it to come back`);
  }

  private async disconnect(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    this.device = undefined;
    await connection?.close();
  }
}

/** HID-POS mode: reads arrive as 0x8C reports; see hid-pos-report-decoder.ts for the vendor layouts. */
export class HidPosScanner extends HidScanner {
  readonly kind = 'hid-pos';
  private readonly decoder: HidPosReportDecoder;

  constructor(options: HidScannerOptions & { readonly layout: HidPosLayout }) {
    super(options, 'hid-pos');
    this.decoder = new HidPosReportDecoder(options.layout);
  }

  protected handleReport(report: Uint8Array): void {
    const read = this.decoder.push(report);
    if (read) this.deliverBytes(read.bytes);
  }
}

/** Keyboard mode read from hidraw: boot-keyboard reports decoded with the shared US table. */
export class HidKeyboardScanner extends HidScanner {
  readonly kind = 'hid-keyboard';
  private readonly decoder = new HidKeyboardReportDecoder();

  constructor(options: HidScannerOptions) {
    super(options, 'hid-keyboard');
  }

  protected handleReport(report: Uint8Array): void {
    for (const payload of this.decoder.push(report, this.now())) this.deliverBytes(new TextEncoder().encode(payload));
  }
}
