/**
 * A plain TCP echo (in the spirit of RFC 862) for `nc 127.0.0.1 8788` and `tcpdump -i lo port 8788`:
 * whatever arrives goes straight back. pipe() gives backpressure for free: a client that does not
 * read stops being read from.
 */
import net from 'node:net';

export interface TcpEcho {
  server: net.Server;
  port: number;
  close(): Promise<void>;
}

export interface TcpEchoOptions {
  port: number;
  host: string;
  maxConnections: number;
  idleTimeoutMs: number;
}

export async function startTcpEcho({ port, host, maxConnections, idleTimeoutMs }: TcpEchoOptions): Promise<TcpEcho> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.on('error', () => socket.destroy());
    socket.once('close', () => sockets.delete(socket));
    socket.setTimeout(idleTimeoutMs, () => socket.destroy());
    // allowHalfOpen + pipe: when the client half-closes (FIN), we echo what is left, then FIN too.
    socket.pipe(socket);
  });
  server.maxConnections = maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', () => {});
  return {
    server,
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.end();
        setTimeout(() => {
          for (const socket of sockets) socket.destroy();
        }, 500).unref();
      }),
  };
}
