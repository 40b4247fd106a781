/**
 * A stand-in for the `electron` module's main-process API, enough for runElectronMain and the hardening code. It
 * records every call in order (`calls`) and keeps the handlers it is given so tests can fire events by hand. Like
 * the real module it refuses the pre-ready-only calls after 'ready' and the post-ready-only calls before it.
 * The real module cannot be loaded here: requiring it downloads the Electron binary.
 */
import type { ElectronModule } from '../../main/electron/electron-app.js';

type Handler = (...args: never[]) => unknown;

/** An Electron-style event: `preventDefault()` is remembered. */
export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent<T extends object>(extra?: T): FakeEvent & T {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
    ...extra,
  };
  return event as FakeEvent & T;
}

/** on/once/emit with handler lists a test can inspect. */
export class FakeEmitter {
  private readonly handlers = new Map<string, { fn: Handler; once: boolean }[]>();

  on(name: string, fn: Handler): this {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), { fn, once: false }]);
    return this;
  }

  once(name: string, fn: Handler): this {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), { fn, once: true }]);
    return this;
  }

  listenerCount(name: string): number {
    return this.handlers.get(name)?.length ?? 0;
  }

  emit(name: string, ...args: unknown[]): void {
    const list = this.handlers.get(name) ?? [];
    this.handlers.set(
      name,
      list.filter((h) => !h.once),
    );
    for (const h of list) (h.fn as (...a: unknown[]) => unknown)(...args);
  }
}

export class FakeWebContents extends FakeEmitter {
  url = '';
  destroyed = false;
  crashes = 0;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: { url: string }) => unknown) | undefined;

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  forcefullyCrashRenderer(): void {
    this.crashes++;
  }
  getURL(): string {
    return this.url;
  }
}

export interface FakeElectronOptions {
  /** What requestSingleInstanceLock answers (default true). */
  readonly singleInstanceLock?: boolean;
  /** When false, whenReady() stays pending until `ready()` is called (default true). */
  readonly autoReady?: boolean;
  /** What BrowserWindow#loadURL returns (default: a resolved promise). */
  readonly loadURL?: (url: string) => Promise<void>;
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

export function createFakeElectron(options: FakeElectronOptions = {}) {
  const calls: string[] = [];
  let isReady = false;
  let markReady: () => void = () => {};
  const readyPromise = new Promise<void>((resolve) => (markReady = resolve));
  const ready = () => {
    if (isReady) return;
    isReady = true;
    calls.push('ready');
    markReady();
  };
  const beforeReadyOnly = (name: string) => {
    if (isReady) throw new Error(`${name} can only be called before app is ready`);
  };
  const afterReadyOnly = (name: string) => {
    if (!isReady) throw new Error(`${name} cannot be called before app is ready`);
  };

  const appEvents = new FakeEmitter();
  const exitCodes: number[] = [];
  let markExited: (code: number) => void = () => {};
  const exited = new Promise<number>((resolve) => (markExited = resolve));
  const app = Object.assign(appEvents, {
    isPackaged: false,
    enableSandbox: () => {
      calls.push('app.enableSandbox');
      beforeReadyOnly('app.enableSandbox');
    },
    requestSingleInstanceLock: () => {
      calls.push('app.requestSingleInstanceLock');
      return options.singleInstanceLock ?? true;
    },
    whenReady: () => {
      calls.push('app.whenReady');
      if (options.autoReady ?? true) queueMicrotask(ready);
      return readyPromise;
    },
    quit: () => void calls.push('app.quit'),
    exit: (code = 0) => {
      calls.push(`app.exit(${code})`);
      exitCodes.push(code);
      markExited(code);
    },
  });

  const privilegedSchemes: { scheme: string; privileges?: object }[] = [];
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const protocol = {
    registerSchemesAsPrivileged: (schemes: { scheme: string; privileges?: object }[]) => {
      calls.push('protocol.registerSchemesAsPrivileged');
      beforeReadyOnly('protocol.registerSchemesAsPrivileged');
      privilegedSchemes.push(...schemes);
    },
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
      calls.push(`protocol.handle(${scheme})`);
      afterReadyOnly('protocol.handle');
      protocolHandlers.set(scheme, handler);
    },
  };

  const permissions: { request?: Handler; check?: Handler; device?: Handler } = {};
  const defaultSession = {
    setPermissionRequestHandler: (h: Handler) => void (permissions.request = h),
    setPermissionCheckHandler: (h: Handler) => void (permissions.check = h),
    setDevicePermissionHandler: (h: Handler) => void (permissions.device = h),
  };

  const applicationMenus: unknown[] = [];
  const Menu = {
    setApplicationMenu: (menu: unknown) => {
      calls.push('Menu.setApplicationMenu');
      applicationMenus.push(menu);
    },
  };

  const ipcHandlers = new Map<string, Handler>();
  const ipcMain = {
    handle: (channel: string, handler: Handler) => {
      if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      ipcHandlers.set(channel, handler);
    },
    removeHandler: (channel: string) => void ipcHandlers.delete(channel),
  };
  /** Calls the handler registered for `channel` as a renderer frame at `frameUrl` would (undefined: no frame). */
  const invoke = async (channel: string, frameUrl: string | undefined, ...args: unknown[]): Promise<unknown> => {
    const handler = ipcHandlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const event = { senderFrame: frameUrl === undefined ? null : { url: frameUrl } };
    return await (handler as (...a: unknown[]) => unknown)(event, ...args);
  };

  const windows: FakeBrowserWindow[] = [];
  class FakeBrowserWindow extends FakeEmitter {
    readonly webContents = new FakeWebContents();
    readonly loadedUrls: string[] = [];
    shown = false;
    focused = false;
    destroyed = false;

    constructor(readonly options: Record<string, unknown>) {
      super();
      calls.push('new BrowserWindow');
      afterReadyOnly('BrowserWindow');
      windows.push(this);
      appEvents.emit('web-contents-created', fakeEvent(), this.webContents);
    }
    loadURL(url: string): Promise<void> {
      this.loadedUrls.push(url);
      this.webContents.url = url;
      return options.loadURL ? options.loadURL(url) : Promise.resolve();
    }
    show(): void {
      this.shown = true;
    }
    focus(): void {
      this.focused = true;
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
  }

  const module = { app, protocol, session: { defaultSession }, Menu, ipcMain, BrowserWindow: FakeBrowserWindow };
  return {
    /** Pass this to runElectronMain. */
    electron: module as unknown as ElectronModule,
    calls,
    ready,
    app,
    exitCodes,
    /** Resolves with the code of the first app.exit call. */
    exited,
    privilegedSchemes,
    protocolHandlers,
    permissions,
    applicationMenus,
    ipcHandlers,
    invoke,
    windows,
  };
}
