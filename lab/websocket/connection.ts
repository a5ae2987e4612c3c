/**
 * One WebSocket connection after the opening handshake, driven by the project codec: bytes from the
 * socket go through `createDecoder` (which checks every framing rule, UTF-8 and the size limit); a
 * frame goes out as its header from `encodeFrameHeader` followed by the payload, which is copied behind
 * the header only when it is small (see write()). The lab's only behaviour is echo; /lab/ws/inspect adds reports of the bytes both
 * ways and the page's `ping` command.
 *
 * Closing (RFC 6455 §5.5.1, §7): whoever sends Close first waits for the other's Close; the server
 * then closes TCP first (§7.1.1). A broken rule fails the connection (§7.1.7): Close with the code the
 * codec names, then the TCP connection is closed without reading further frames.
 */
import type { Socket } from 'node:net';
import {
  createDecoder,
  createDeflateContext,
  encodeClose,
  encodeFrameHeader,
  MAX_CLOSE_REASON_BYTES,
  Opcode,
  type Frame,
  type FrameDecoder,
  type DeflateBackend,
  type DeflateParams,
  type MessageDeflater,
  type MessageInflater,
  type Violation,
} from '../../src/protocol/websocket';
import {
  checkPingData,
  type InspectCommand,
  type InspectReport,
  type ServerFrameCause,
} from '../../src/lab-protocol/messages';
import { MessageAssembler, type Message } from './assembler';
import { FrameRecorder, readCommand, SentFrameRecorder, sinceUpgrade } from './inspect';

export interface ConnectionOptions {
  /** Echo data messages back (default true; /lab/ws/inspect?echo=0 turns it off). */
  echo: boolean;
  /** Report raw frames as JSON text messages (/lab/ws/inspect). */
  inspect: boolean;
  maxMessageBytes: number;
  idleTimeoutMs: number;
  pongTimeoutMs: number;
  closeTimeoutMs: number;
  writeHighWaterMark: number;
  /** performance.now() when the upgrade request arrived (inspect report times count from it). */
  t0: number;
  /** permessage-deflate as negotiated (RFC 7692), with the backend that does DEFLATE. */
  deflate?: { params: DeflateParams; backend: DeflateBackend };
}

/**
 * Echoes shorter than this go out uncompressed, RSV1 clear (ws's default threshold too): a few bytes
 * barely shrink, and DEFLATE's block header and Huffman tables can make them longer.
 */
export const DEFLATE_THRESHOLD = 1024;

/**
 * zlib level of the lab's echoes: 1, the fastest. On 64 KiB of JSON-like text it deflates about 3× faster
 * than zlib's default 6, for output about 20% larger (docs/deflate.md); on loopback the CPU matters more than
 * the bytes. The level is the sender's choice alone: RFC 7692 does not negotiate it.
 */
export const DEFLATE_LEVEL = 1;

type State = 'open' | 'closing' | 'closed';

const textEncoder = new TextEncoder();
const KEEPALIVE = textEncoder.encode('lab keepalive');
/** Payloads up to this size are copied behind their header and written as one buffer (see write()). */
const SMALL_PAYLOAD = 1024;

/** A close reason cut to the 123 bytes that fit (§5.5: 125-byte control payload minus the code). */
export function closeReasonBytes(reason: string): Uint8Array {
  const bytes = textEncoder.encode(reason);
  if (bytes.length <= MAX_CLOSE_REASON_BYTES) return bytes;
  let end = MAX_CLOSE_REASON_BYTES;
  // Do not cut a UTF-8 character in half: back up over continuation bytes (10xxxxxx).
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

export class WebSocketConnection {
  /** Resolves when the TCP connection has closed. */
  readonly closed: Promise<void>;
  /** The close code this side sent, if any (for tests and logs). */
  sentCloseCode: number | undefined;
  /** The close code the peer sent, if any. */
  receivedCloseCode: number | undefined;

  private state: State = 'open';
  private sentClose = false;
  private readonly decoder: FrameDecoder;
  private readonly assembler: MessageAssembler;
  /** Created on first use: an inflate stream (~40 KiB) and the deflater's window (≤ 32 KiB), docs/deflate.md. */
  private codec: { inflater: MessageInflater; deflater: MessageDeflater } | undefined;
  private readonly recorder: FrameRecorder | undefined;
  private readonly sentRecorder: SentFrameRecorder | undefined;
  private awaitingPong = false;
  private paused = false;
  private closeTimer: NodeJS.Timeout | undefined;
  private resolveClosed!: () => void;

  constructor(
    private readonly socket: Socket,
    private readonly options: ConnectionOptions,
  ) {
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
    // zeroCopy: payloads are views into the socket's chunk, unmasked in place (we own the chunk).
    // With permessage-deflate, RSV1 may mark a message's first frame (RFC 7692 §6.1); without it, RSV1 is 1002.
    this.decoder = createDecoder({
      from: 'client',
      maxPayload: options.maxMessageBytes,
      zeroCopy: true,
      allowRsv1: options.deflate !== undefined,
    });
    this.assembler = new MessageAssembler(
      options.deflate === undefined ? undefined : () => this.deflateCodec().inflater,
    );
    this.recorder = options.inspect ? new FrameRecorder(options.t0) : undefined;
    this.sentRecorder = options.inspect ? new SentFrameRecorder(options.t0) : undefined;

    socket.setNoDelay(true);
    socket.setTimeout(options.idleTimeoutMs);
    socket.on('data', (chunk: Buffer) => this.onDataGuarded(chunk));
    socket.on('timeout', () => this.onTimeout());
    socket.on('drain', () => this.onDrain());
    // The peer half-closed: nothing more will come, so close our side too.
    socket.on('end', () => this.finish());
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.onClose());
  }

  /** Sends a report on /lab/ws/inspect (JSON text message); reports are not themselves reported. */
  sendReport(report: InspectReport): void {
    if (this.sentClose) return;
    const payload = textEncoder.encode(JSON.stringify(report));
    this.write(encodeFrameHeader({ opcode: Opcode.Text, payloadLength: payload.length }), payload);
  }

  /** Feeds bytes that arrived with the handshake (Node's `head` in the 'upgrade' event). */
  feed(head: Buffer): void {
    if (head.length > 0) this.onDataGuarded(head);
  }

  /**
   * Starts the closing handshake (§7.1.2): Close with `code`, then wait up to closeTimeoutMs for the
   * peer's Close before dropping the connection.
   */
  close(code: number, reason = ''): void {
    if (this.state !== 'open') return;
    this.sendClose(code, reason);
    this.state = 'closing';
    this.armCloseTimer();
  }

  /** Drops the connection without a closing handshake. */
  destroy(): void {
    this.socket.destroy();
  }

  /** A bug in handling one client must not take the lab down: 1011 Internal Error (§7.4.1), then drop it. */
  private onDataGuarded(chunk: Buffer): void {
    try {
      this.onData(chunk);
    } catch (error) {
      console.error('lab: WebSocket connection failed:', error);
      if (!this.sentClose) {
        try {
          this.sendClose(1011, 'internal error');
        } catch {
          // nothing more to say
        }
      }
      this.finish();
    }
  }

  private onData(chunk: Buffer): void {
    if (this.state === 'closed') return;
    if (this.awaitingPong) {
      // Any byte proves the peer is alive; go back to the idle timer.
      this.awaitingPong = false;
      this.socket.setTimeout(this.options.idleTimeoutMs);
    }
    const recorder = this.recorder;
    recorder?.beforePush(chunk, this.decoder.position);
    const { frames, violations } = this.decoder.push(chunk);
    // Frames completed before the first violation are handled; the rest of the input is not (§7.1.7).
    const failure = violations[0];
    this.socket.cork();
    try {
      for (const frame of frames) {
        if (failure !== undefined && frame.offset + frame.headerLength + frame.payloadLength > failure.offset) {
          // The frame that broke the rule: shown to the inspector, never acted on.
          if (recorder !== undefined && frame.offset <= failure.offset) this.sendReport(recorder.report(frame));
          break;
        }
        if (recorder !== undefined) this.sendReport(recorder.report(frame));
        this.onFrame(frame);
        if (this.isClosed()) break;
      }
      if (failure !== undefined && !this.isClosed()) {
        if (recorder !== undefined) this.sendReport(recorder.violation(failure));
        this.fail(failure);
      }
    } finally {
      this.socket.uncork();
    }
    recorder?.afterPush(this.decoder);
  }

  /** A method, not a field test, so TypeScript does not narrow it across calls that change it. */
  private isClosed(): boolean {
    return this.state === 'closed';
  }

  private onFrame(frame: Frame): void {
    // After our Close only the peer's Close matters: no more data frames may be sent (§5.5.1).
    if (this.sentClose && frame.opcode !== Opcode.Close) return;
    switch (frame.opcode) {
      case Opcode.Text:
      case Opcode.Binary:
      case Opcode.Continuation: {
        const message = this.assembler.push(frame);
        if (message !== undefined) this.onMessage(message);
        else if (this.assembler.failure !== undefined) {
          // The inflated message broke a rule (1007 or 1009): fail the connection (RFC 6455 §7.1.7).
          if (this.recorder !== undefined) this.sendReport(this.recorder.violation(this.assembler.failure));
          this.fail(this.assembler.failure);
        }
        return;
      }
      case Opcode.Ping:
        // §5.5.2–5.5.3: answer with a Pong carrying the same application data.
        this.sendFrame(Opcode.Pong, frame.payload, 'pong');
        return;
      case Opcode.Pong:
        return; // unsolicited pongs are allowed and need no answer (§5.5.3)
      case Opcode.Close:
        this.onCloseFrame(frame);
        return;
    }
  }

  /** On /lab/ws/inspect a text message may be a command from the page, carried out instead of echoed. */
  private onMessage(message: Message): void {
    if (this.recorder !== undefined && message.compressedLength !== undefined) {
      this.sendReport(this.recorder.message(message.opcode, message.payload, message.compressedLength));
    }
    const command = this.options.inspect && message.opcode === Opcode.Text ? readCommand(message.payload) : undefined;
    if (command === undefined) {
      if (this.options.echo) this.sendEcho(message);
    } else if (command.ok) {
      this.runCommand(command.command);
    } else {
      this.refuseCommand(command.command, command.message);
    }
  }

  /** `ping`: a Ping with the page's data (§5.5.2); the browser's Pong comes back as a reported client frame. */
  private runCommand(command: InspectCommand): void {
    const check = checkPingData(command.data);
    if (check.ok) this.sendFrame(Opcode.Ping, check.bytes, 'ping');
    else this.refuseCommand(command.command, check.message);
  }

  private refuseCommand(command: string, message: string): void {
    this.sendReport({ lab: 'inspect', type: 'command-error', t: sinceUpgrade(this.options.t0), command, message });
  }

  /** §5.5.1: answer a Close we did not start with a Close echoing its code, then close TCP. */
  private onCloseFrame(frame: Frame): void {
    this.receivedCloseCode = frame.closeCode;
    if (!this.sentClose) this.sendClose(frame.closeCode);
    this.finish();
  }

  /**
   * §7.1.7 Fail the WebSocket Connection: Close with the codec's code (unless a Close was already
   * sent), then close TCP at once.
   */
  private fail(violation: Violation): void {
    this.sendClose(violation.code, `${violation.id}: ${violation.message}`);
    this.finish();
  }

  private sendClose(code: number | undefined, reason = ''): void {
    if (this.sentClose) return;
    // No code received (1005 is never sent on the wire): answer with an empty Close body.
    const payload = code === undefined ? new Uint8Array(0) : encodeClose(code, closeReasonBytes(reason));
    this.sendFrame(Opcode.Close, payload, 'close'); // reported first: nothing may follow a Close (§5.5.1)
    this.sentClose = true;
    this.sentCloseCode = code;
  }

  /** Close the TCP connection from our side (§7.1.1: the server closes first), with a deadline. */
  private finish(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    if (this.paused) this.socket.resume(); // read (and ignore) until the peer's FIN
    this.socket.end();
    this.armCloseTimer();
  }

  private armCloseTimer(): void {
    clearTimeout(this.closeTimer);
    this.closeTimer = setTimeout(() => this.socket.destroy(), this.options.closeTimeoutMs);
    this.closeTimer.unref();
  }

  private onTimeout(): void {
    if (this.state !== 'open') {
      this.socket.destroy();
      return;
    }
    if (this.awaitingPong) {
      // No answer to our ping: the peer is gone or stuck. It will see 1006 if the Close cannot reach it.
      this.close(1001, `no pong within ${this.options.pongTimeoutMs} ms`);
      this.socket.setTimeout(this.options.closeTimeoutMs);
      return;
    }
    // §5.5.2: a Ping as a keepalive; any byte in answer resets the idle timer.
    this.awaitingPong = true;
    this.sendFrame(Opcode.Ping, KEEPALIVE, 'keepalive');
    this.socket.setTimeout(this.options.pongTimeoutMs);
  }

  private deflateCodec(): { inflater: MessageInflater; deflater: MessageDeflater } {
    if (this.codec === undefined) {
      const { params, backend } = this.options.deflate!;
      this.codec = createDeflateContext(backend, params, 'server', {
        maxMessageBytes: this.options.maxMessageBytes,
        level: DEFLATE_LEVEL,
      });
    }
    return this.codec;
  }

  /** An echo, compressed when permessage-deflate was negotiated and it is long enough to be worth it. */
  private sendEcho(message: Message): void {
    if (this.options.deflate === undefined || message.payload.length < DEFLATE_THRESHOLD) {
      this.sendFrame(message.opcode, message.payload, 'echo');
      return;
    }
    if (!this.socket.writable) return;
    // One frame, RSV1 set (RFC 7692 §6.1), payload without the 00 00 ff ff tail (§7.2.1).
    const compressed = this.deflateCodec().deflater.compress(message.payload);
    this.sendFrame(message.opcode, compressed, 'echo', message.payload);
  }

  /**
   * Sends one unmasked frame (a server never masks, §5.1): on /lab/ws/inspect its report goes first, in
   * the same writev, built from the same header and payload that are then written. `inflated` is the
   * message before compression, when `payload` is compressed (RSV1).
   */
  private sendFrame(opcode: number, payload: Uint8Array, cause: ServerFrameCause, inflated?: Uint8Array): void {
    if (!this.socket.writable) return;
    const header = encodeFrameHeader({ opcode, payloadLength: payload.length, rsv1: inflated !== undefined });
    if (this.sentRecorder === undefined) {
      this.write(header, payload);
      return;
    }
    this.socket.cork();
    this.sendReport(this.sentRecorder.report(header, payload, cause, inflated));
    this.write(header, payload);
    this.socket.uncork();
  }

  /**
   * Header, then payload. A large payload goes as it is — a view into the socket's chunk for most echoes,
   * never copied — corked, so the two pieces leave in one writev (with Nagle off, two writes could be two
   * segments). A small one is copied behind its header into one buffer: measured in `npm run bench`, that
   * took pipelined 64-byte echoes from ~5× to ~7× ws.
   */
  private write(header: Uint8Array, payload: Uint8Array): void {
    if (!this.socket.writable) return;
    if (payload.length <= SMALL_PAYLOAD) {
      // Copying up to 1 KiB costs less than a two-piece writev and the cork/uncork around it.
      const frame = Buffer.allocUnsafe(header.length + payload.length);
      frame.set(header, 0);
      frame.set(payload, header.length);
      this.socket.write(frame);
    } else {
      this.socket.cork();
      this.socket.write(header);
      this.socket.write(payload);
      this.socket.uncork();
    }
    // Backpressure: stop reading from a client that does not read our answers, so its requests
    // cannot make us buffer without bound; 'drain' resumes.
    if (!this.paused && this.socket.writableLength > this.options.writeHighWaterMark) {
      this.paused = true;
      this.socket.pause();
    }
  }

  private onDrain(): void {
    if (this.paused) {
      this.paused = false;
      this.socket.resume();
    }
  }

  private onClose(): void {
    clearTimeout(this.closeTimer);
    this.codec?.inflater.close();
    this.codec?.deflater.close();
    this.codec = undefined;
    this.state = 'closed';
    this.resolveClosed();
  }
}
