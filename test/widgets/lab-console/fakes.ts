/** Test doubles for the lab console: a fake WebSocket and report builders. */
import type { InspectFrame, InspectServerFrame, ServerFrameCause } from '../../../src/lab-protocol/messages';
import type { SocketLike } from '../../../src/widgets/lab-console/connection';

/** RFC 6455 §5.7: a single-frame masked text message "Hello" (key 37 fa 21 3d), as a client sends it. */
export const MASKED_HELLO_HEX = '818537fa213d7f9f4d5158';

/** A `frame` report as /lab/ws/inspect sends it (src/lab-protocol/messages.ts). */
export const frameReport = (seq: number, hex = MASKED_HELLO_HEX): InspectFrame => ({
  lab: 'inspect',
  type: 'frame',
  seq,
  offset: 0,
  length: hex.length / 2,
  hex,
  truncated: false,
  firstByteT: 1.5,
  t: 1.5,
  reads: 1,
});

/** RFC 6455 §5.7: a single-frame unmasked text message "Hello", as a server sends it. */
export const UNMASKED_HELLO_HEX = '810548656c6c6f';

/** A `server-frame` report: the bytes the lab wrote for one frame (src/lab-protocol/messages.ts). */
export const serverFrameReport = (
  seq: number,
  hex = UNMASKED_HELLO_HEX,
  cause: ServerFrameCause = 'echo',
): InspectServerFrame => ({
  lab: 'inspect',
  type: 'server-frame',
  seq,
  cause,
  length: hex.length / 2,
  hex,
  truncated: false,
  t: 2,
});

/** A WebSocket stand-in: the test decides when it opens, what arrives and when it closes. */
export class FakeSocket implements SocketLike {
  static all: FakeSocket[] = [];
  binaryType = 'blob';
  readyState = 0;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onerror: SocketLike['onerror'] = null;
  onclose: SocketLike['onclose'] = null;
  sent: (string | Uint8Array)[] = [];
  closed: unknown[][] = [];
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string | Uint8Array): void {
    this.sent.push(data);
  }
  close(...args: unknown[]): void {
    this.closed.push(args);
    this.readyState = 2;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(data: unknown): void {
    this.onmessage?.({ data });
  }
  refuse(): void {
    this.readyState = 3;
    this.onerror?.({});
    this.onclose?.({ code: 1006, reason: '', wasClean: false });
  }
  end(code: number, reason: string): void {
    this.readyState = 3;
    this.onclose?.({ code, reason, wasClean: true });
  }
}
