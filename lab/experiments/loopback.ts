/**
 * Sockets an experiment opens, always on 127.0.0.1 and always closed when it ends, succeeds or not.
 * Experiments never take an address from the page: they only talk to listeners they made themselves.
 */
import net from 'node:net';

export const LOOPBACK = '127.0.0.1';

export class AbortedError extends Error {
  override name = 'AbortedError';
  constructor() {
    super('the experiment was stopped');
  }
}

export type ConnectOptions = Omit<net.TcpNetConnectOpts, 'port' | 'host'> & { writableHighWaterMark?: number };

export class SocketScope {
  private readonly sockets = new Set<net.Socket>();
  private readonly servers = new Set<net.Server>();

  constructor(readonly signal: AbortSignal) {}

  /** Rejects when the scope's signal aborts (the page went away, or the lab shuts down). */
  throwIfAborted(): void {
    if (this.signal.aborted) throw new AbortedError();
  }

  /** A listener on 127.0.0.1 and a free port; its accepted sockets are tracked too. */
  async listen(
    options: net.ServerOpts,
    onSocket: (socket: net.Socket) => void,
  ): Promise<{ server: net.Server; port: number }> {
    const server = net.createServer(options, (socket) => {
      this.track(socket);
      onSocket(socket);
    });
    this.servers.add(server);
    server.on('error', () => {});
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, LOOPBACK, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return { server, port: (server.address() as net.AddressInfo).port };
  }

  /** Connects to a loopback port; resolves once connected. */
  async connect(port: number, options: ConnectOptions = {}): Promise<net.Socket> {
    this.throwIfAborted();
    // writableHighWaterMark reaches the stream.Duplex constructor; @types/node does not list it here.
    const socket = this.track(net.createConnection({ ...options, port, host: LOOPBACK } as net.TcpNetConnectOpts));
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(new AbortedError());
      socket.once('connect', () => {
        this.signal.removeEventListener('abort', onAbort);
        resolve();
      });
      socket.once('error', (error) => {
        this.signal.removeEventListener('abort', onAbort);
        reject(error);
      });
      this.signal.addEventListener('abort', onAbort, { once: true });
    });
    return socket;
  }

  track(socket: net.Socket): net.Socket {
    this.sockets.add(socket);
    // A socket error ends the experiment through its own promise; never let it reach the process.
    socket.on('error', () => {});
    socket.once('close', () => this.sockets.delete(socket));
    return socket;
  }

  /** Destroys every socket and closes every listener. */
  close(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    for (const server of this.servers) server.close();
    this.servers.clear();
  }
}

/** Waits `ms`, or rejects when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new AbortedError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Resolves true when `socket` emits `event` within `ms`, false on time-out; rejects on abort or close. */
export function waitFor(socket: net.Socket, event: string, ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      socket.off(event, onEvent);
      socket.off('close', onClose);
      signal.removeEventListener('abort', onAbort);
    };
    const onEvent = () => {
      done();
      resolve(true);
    };
    const onClose = () => {
      done();
      reject(new Error(`the socket closed while waiting for '${event}'`));
    };
    const onAbort = () => {
      done();
      reject(new AbortedError());
    };
    const timer = setTimeout(() => {
      done();
      resolve(false);
    }, ms);
    socket.on(event, onEvent);
    socket.on('close', onClose);
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) onAbort();
  });
}

/** `promise`, or a rejection after `ms` (with `message`) or on abort; the timer never outlives it. */
export function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  signal: AbortSignal,
  message: () => string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      reject(new Error(message()));
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
