/**
 * The decoder's examples menu. The RFC 6455 §5.7 samples are quoted byte for byte from the RFC; every other
 * example is built here by the codec's encoder (with a fixed masking key, so the bytes are reproducible),
 * never typed in by hand.
 */
import { concatBytes } from '../../protocol/bytes';
import { encodeClose, encodeFrame } from '../../protocol/websocket/encoder';
import { Opcode } from '../../protocol/websocket/types';
import { toHex } from '../../protocol/hex';
import type { Direction } from '../../protocol/websocket/types';

export interface DecoderExample {
  id: string;
  /** Button label. */
  label: string;
  /** Spaced hex, as loaded into the input box. */
  hex: string;
  from: Direction;
  /** Where the bytes come from / what to look at. */
  note: string;
}

/** Fixed masking key of the examples built here (any 4 bytes do; fixed so the page is reproducible). */
export const EXAMPLE_MASK_KEY = Uint8Array.of(0x9e, 0x2c, 0x51, 0x07);

const helloWorld = encodeFrame({ opcode: Opcode.Text, payload: 'hello, world', maskKey: EXAMPLE_MASK_KEY });
const closeBye = encodeFrame({ opcode: Opcode.Close, payload: encodeClose(1000, 'bye') });
const fragmentedWithPing = concatBytes([
  encodeFrame({ opcode: Opcode.Text, payload: 'frag', fin: false, maskKey: EXAMPLE_MASK_KEY }),
  encodeFrame({ opcode: Opcode.Ping, payload: 'still there?', maskKey: EXAMPLE_MASK_KEY }),
  encodeFrame({ opcode: Opcode.Continuation, payload: 'mented', maskKey: EXAMPLE_MASK_KEY }),
]);
const binary256 = encodeFrame({ opcode: Opcode.Binary, payload: Uint8Array.from({ length: 256 }, (_, i) => i) });
const truncatedHello = helloWorld.subarray(0, 9);

export const EXAMPLES: readonly DecoderExample[] = [
  {
    id: 'rfc-masked-hello',
    label: 'Masked "Hello" (RFC 6455 §5.7)',
    hex: '81 85 37 fa 21 3d 7f 9f 4d 51 58',
    from: 'client',
    note: 'A single-frame masked text message, as printed in RFC 6455 §5.7.',
  },
  {
    id: 'rfc-unmasked-hello',
    label: 'Unmasked "Hello" (RFC 6455 §5.7)',
    hex: '81 05 48 65 6c 6c 6f',
    from: 'server',
    note: 'A single-frame unmasked text message from the server, RFC 6455 §5.7.',
  },
  {
    id: 'rfc-fragmented',
    label: 'Fragmented "Hel" + "lo" (RFC 6455 §5.7)',
    hex: '01 03 48 65 6c 80 02 6c 6f',
    from: 'server',
    note: 'A text message in two frames: FIN 0 then a continuation with FIN 1, RFC 6455 §5.7.',
  },
  {
    id: 'rfc-ping-pong',
    label: 'Ping, then masked pong (RFC 6455 §5.7)',
    hex: '89 05 48 65 6c 6c 6f 8a 85 37 fa 21 3d 7f 9f 4d 51 58',
    from: 'unknown',
    note: 'An unmasked ping (from the server) and the masked pong a client answers with, RFC 6455 §5.7.',
  },
  {
    id: 'hello-world',
    label: '"hello, world" from a client',
    hex: toHex(helloWorld),
    from: 'client',
    note: 'Built by the encoder: 12 payload bytes, masked, so 6 header bytes + 12 = 18 bytes on the wire.',
  },
  {
    id: 'close-bye',
    label: 'Close 1000 "bye"',
    hex: toHex(closeBye),
    from: 'server',
    note: 'Built by the encoder: a close frame with status 1000 (Normal Closure) and the reason "bye".',
  },
  {
    id: 'fragmented-ping',
    label: 'Fragments with a ping between',
    hex: toHex(fragmentedWithPing),
    from: 'client',
    note: 'Built by the encoder: a text message in two fragments with a ping between them (control frames may be interleaved, RFC 6455 §5.4).',
  },
  {
    id: 'binary-256',
    label: '256-byte binary (16-bit length)',
    hex: toHex(binary256),
    from: 'server',
    note: 'Built by the encoder: 256 bytes do not fit in 7 bits, so the length is 126 + a 16-bit length (RFC 6455 §5.2, §5.7).',
  },
  {
    id: 'unmasked-client',
    label: 'Violation: unmasked client frame',
    hex: '81 05 48 65 6c 6c 6f',
    from: 'client',
    note: 'The RFC 6455 §5.7 unmasked "Hello", but sent by a client: clients must mask (RFC 6455 §5.1).',
  },
  {
    id: 'truncated',
    label: 'Truncated frame',
    hex: toHex(truncatedHello),
    from: 'client',
    note: 'The first 9 bytes of the "hello, world" frame: the decoder says how many more it needs.',
  },
];

/** The example shown when the tool opens without a link. */
export const DEFAULT_EXAMPLE = EXAMPLES[0]!;
