/**
 * Which common programs and libraries turn Nagle's algorithm off (TCP_NODELAY) on their sockets without being
 * asked. The kernel's default for a new TCP socket is Nagle on (tcp(7)); each entry says where the software
 * changes that, so the lesson's table and its exercise read the same data.
 */

export interface NodelayDefault {
  id: string;
  /** What the reader would call it. */
  software: string;
  /** How an exercise names a client written with it. */
  client: string;
  /** true: the software sets TCP_NODELAY itself, so Nagle is off. */
  noDelay: boolean;
  /** Where it is set or documented (plain text with `code`). */
  where: string;
  /** A link to the source or documentation. */
  href?: string;
}

export const NODELAY_DEFAULTS: readonly NodelayDefault[] = [
  {
    id: 'chromium',
    client: 'Chromium',
    software: 'Chromium (every HTTP connection)',
    noDelay: true,
    where: '`SetDefaultOptionsForClient()` in `net/socket/tcp_socket_posix.cc`',
    href: 'https://source.chromium.org/chromium/chromium/src/+/main:net/socket/tcp_socket_posix.cc',
  },
  {
    id: 'go',
    client: 'Go’s `net` package',
    software: 'Go’s `net` package',
    noDelay: true,
    where: '“The default is true (no delay)”: `TCPConn.SetNoDelay`',
    href: 'https://pkg.go.dev/net#TCPConn.SetNoDelay',
  },
  {
    id: 'asyncio',
    client: 'Python’s `asyncio` streams',
    software: 'Python `asyncio` streams and transports',
    noDelay: true,
    where: 'set on every TCP transport since Python 3.6',
    href: 'https://docs.python.org/3/library/asyncio-protocol.html',
  },
  {
    id: 'node-http',
    client: 'Node.js `http.request()`',
    software: 'Node.js `http` (servers and client requests)',
    noDelay: true,
    where: 'the `noDelay` option of `http.createServer`, default `true` since Node 18',
    href: 'https://nodejs.org/api/http.html#httpcreateserveroptions-requestlistener',
  },
  {
    id: 'node-net',
    client: 'Node.js `net.connect()`',
    software: 'Node.js `net.createServer`, `net.connect`',
    noDelay: false,
    where: 'call `socket.setNoDelay(true)` yourself',
  },
  {
    id: 'plain',
    client: 'Python’s `socket` module',
    software: 'C sockets, Python’s `socket` module, Java’s `Socket`',
    noDelay: false,
    where: 'the kernel’s default',
  },
];

export function nodelayDefault(id: string): NodelayDefault | undefined {
  return NODELAY_DEFAULTS.find((d) => d.id === id);
}
