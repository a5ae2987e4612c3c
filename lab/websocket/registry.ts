/** The open WebSocket connections, so the lab can bound their number and close them all on shutdown. */
import type { WebSocketConnection } from './connection';

export class ConnectionRegistry {
  private readonly open = new Set<WebSocketConnection>();
  /** Handshakes accepted but not yet answered (the accept key is computed asynchronously). */
  private pending = 0;

  constructor(readonly max: number) {}

  get size(): number {
    return this.open.size;
  }

  /** Claims a slot for a handshake in progress; false when the lab is full. */
  reserve(): boolean {
    if (this.open.size + this.pending >= this.max) return false;
    this.pending += 1;
    return true;
  }

  release(): void {
    this.pending -= 1;
  }

  /** Registers a connection in a reserved slot; it leaves the registry when its socket closes. */
  add(connection: WebSocketConnection): void {
    this.pending -= 1;
    this.open.add(connection);
    void connection.closed.then(() => this.open.delete(connection));
  }

  /**
   * Starts the closing handshake on every connection (RFC 6455 §7.1.2) and waits up to `timeoutMs`
   * for them to finish; whatever is still open then is dropped.
   */
  async closeAll(code: number, reason: string, timeoutMs: number): Promise<void> {
    const all = [...this.open];
    for (const connection of all) connection.close(code, reason);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.all(all.map((c) => c.closed)), deadline]);
    clearTimeout(timer);
    for (const connection of this.open) connection.destroy();
    await Promise.all(all.map((c) => c.closed));
  }
}
