/**
 * SerialScanner: a scanner in serial / USB-CDC mode (RS-232, or "USB COM port emulation" → /dev/ttyACM*). The
 * transport moves bytes; PayloadFramer cuts them into frames; textOfFrame turns frames into payloads.
 *
 * Recovery without restarting the app: when the port disappears (unplugged: the read fails and serialport reports a
 * disconnect) the scanner reports `reconnecting` and polls until the device node is back, then opens it again. A
 * configured port that is missing at start is `absent` and polled the same way. While connected, the device node is
 * also checked every `reconnectIntervalMs`: a tty hung up while a read is in flight makes node-serialport's reader
 * see end-of-file and retry forever instead of reporting the disconnect, so a vanished node closes the port here.
 * Whether the node is there is the transport's answer (`present`), so a simulated transport drives all of this too.
 */
import { PayloadFramer, type FramerOptions } from './payload-framer.js';
import { textOfFrame, type FrameTextOptions } from './frame-text.js';
import { SignalledScanner } from './signalled-scanner.js';
import { StallWatch } from './stall-watch.js';
import { nodeSerialTransport, type SerialConnection, type SerialLineSettings, type SerialOpenError, type SerialTransport } from './serial-transport.js';

export interface SerialScannerOptions {
  readonly id: string;
  /** Prefer a stable name: /dev/serial/by-id/usb-… survives re-plugging into another port. */
  readonly path: string;
  readonly line: SerialLineSettings;
  readonly framing: FramerOptions;
  readonly text: FrameTextOptions;
  readonly debounceMs: number;
  readonly reconnectIntervalMs: number;
  readonly transport?: SerialTransport;
  /** Monotonic ms (framing gaps, de-bounce); injectable for tests. */
  readonly now?: () => number;
}

const PARITY_LETTER = { none: 'N', even: 'E', odd: 'O', mark: 'M', space: 'S' } as const;

export function describeLine(path: string, line: SerialLineSettings): string {
  return `${path} ${line.baudRate} ${line.dataBits}${PARITY_LETTER[line.parity]}${line.stopBits}`;
}

/** Advice for the installer from an open error's code. */
export function serialOpenAdvice(error: SerialOpenError, path: string): string {
  if (error.code === 'EACCES' || /permission denied/i.test(error.message)) return `${path}: permission denied — add the terminal's user to the "dialout" group (docs/hardware.md)`;
  if (/lock|busy/i.test(error.message) || error.code === 'EBUSY') return `${path}: in use by another program (ModemManager? a second terminal instance?)`;
  return `${path}: ${error.message}`;
}

/** What a serial scanner calls itself: 'serial', or 'simulated' for the simulated scanner on a simulated line. */
export interface SerialScannerRole {
  readonly kind: string;
  readonly source: 'serial' | 'simulated';
}

const SERIAL_ROLE: SerialScannerRole = { kind: 'serial', source: 'serial' };

export class SerialScanner extends SignalledScanner {
  readonly kind: string;
  private readonly framer: PayloadFramer;
  private readonly transport: SerialTransport;
  private readonly stalls: StallWatch;
  private connection: SerialConnection | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private presenceTimer: NodeJS.Timeout | undefined;
  private running = false;
  private everConnected = false;
  private connecting: Promise<void> | undefined;

  constructor(
    private readonly options: SerialScannerOptions,
    role: SerialScannerRole = SERIAL_ROLE,
  ) {
    super(options, role.kind, role.source);
    this.kind = role.kind;
    this.framer = new PayloadFramer(options.framing);
    this.stalls = new StallWatch(this.now, Math.max(options.framing.interByteTimeoutMs, 30));
    this.transport = options.transport ?? nodeSerialTransport();
  }

  get id(): string {
    return this.options.id;
  }

  /** Tries once to open the port (status tells how it went), then keeps trying in the background until stopped. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.retryTimer);
    clearTimeout(this.idleTimer);
    this.stalls.stop();
    clearInterval(this.presenceTimer);
    await this.connecting;
    const connection = this.connection;
    this.connection = undefined;
    await connection?.close();
    this.framer.reset();
    this.signals.setStatus('absent', 'stopped');
  }

  private connect(): Promise<void> {
    this.connecting = this.tryOpen().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async tryOpen(): Promise<void> {
    const { path, line } = this.options;
    const waiting = this.everConnected ? 'reconnecting' : 'absent';
    if (!this.transport.present(path)) {
      this.signals.setStatus(waiting, `${path} is not present — is the scanner plugged in and in serial (USB COM / CDC) mode?`);
      return this.scheduleRetry();
    }
    let connection: SerialConnection;
    try {
      connection = await this.transport.open(path, line);
    } catch (error) {
      this.signals.setStatus(waiting, serialOpenAdvice(error as SerialOpenError, path));
      return this.scheduleRetry();
    }
    if (!this.running) {
      await connection.close();
      return;
    }
    this.connection = connection;
    this.everConnected = true;
    this.framer.reset();
    connection.onData((chunk) => this.receive(chunk));
    connection.onClose((info) => this.lost(connection, info.disconnected, info.message));
    this.signals.setStatus('connected', this.connectedDetail());
    clearInterval(this.presenceTimer);
    this.presenceTimer = setInterval(() => {
      if (this.connection === connection && !this.transport.present(path)) {
        this.lost(connection, true, 'device node disappeared');
        void connection.close();
      }
    }, this.options.reconnectIntervalMs);
    this.presenceTimer.unref();
  }

  /** The status detail while connected: the line an installer compares with the scanner's own settings. */
  protected connectedDetail(): string | undefined {
    return describeLine(this.options.path, this.options.line);
  }

  private lost(connection: SerialConnection, disconnected: boolean, message?: string): void {
    if (this.connection !== connection) return;
    this.connection = undefined;
    clearInterval(this.presenceTimer);
    this.framer.reset();
    clearTimeout(this.idleTimer);
    this.stalls.stop();
    if (!this.running) return;
    this.signals.setStatus('reconnecting', `${this.options.path} went away${disconnected ? '' : ' (closed)'}${message ? `: ${message}` : ''} — waiting for it to come back`);
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (!this.running) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), this.options.reconnectIntervalMs);
    this.retryTimer.unref();
  }

  /** Bytes are dated when they may have arrived, not when a stalled host got round to reading them (stall-watch.ts). */
  private receive(chunk: Uint8Array): void {
    this.handleFrames(this.framer.push(chunk, this.stalls.arrivalOf(this.now())));
    this.armIdleTimer();
  }

  private armIdleTimer(): void {
    clearTimeout(this.idleTimer);
    const deadline = this.framer.deadline();
    if (deadline === undefined) return this.stalls.stop();
    this.stalls.watch();
    const fire = () => {
      const now = this.now();
      if (this.stalls.recentlyStalled(now)) {
        this.idleTimer = setTimeout(fire, this.stalls.graceMs);
        this.idleTimer.unref();
        return;
      }
      this.handleFrames(this.framer.flushIfIdle(now));
      this.armIdleTimer();
    };
    this.idleTimer = setTimeout(fire, Math.max(0, Math.ceil(deadline - this.now())));
    this.idleTimer.unref();
  }

  private handleFrames(frames: ReturnType<PayloadFramer['push']>): void {
    for (const frame of frames) {
      if (frame.kind === 'overflow') {
        this.signals.noiseFrame(`a frame longer than ${this.options.framing.maxFrameBytes} bytes (${frame.droppedBytes} dropped)`);
        continue;
      }
      const text = textOfFrame(frame.bytes, this.options.text);
      if (text.kind === 'text') this.signals.deliver(text.text);
      else this.signals.noiseFrame(text.reason);
    }
  }
}
