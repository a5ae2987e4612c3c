/**
 * Exercises for "Start here": two gentle ones that show how exercises work (a fixed one, and a generated one with
 * "New problem"). Both are answered by reading the frame decoder on the page; the answers come from the codec.
 */
import { RFC_MASKED_HELLO } from '../../../content/captures/rfc6455-examples';
import { parseHex, toHex } from '../../protocol/hex';
import { decodeFrames } from '../../protocol/websocket/decoder';
import { encodeFrame } from '../../protocol/websocket/encoder';
import { Opcode } from '../../protocol/websocket/types';
import { defineExercises, type Mistake } from '../types';

/** Words for generated frames; two are not plain ASCII, so bytes and characters differ. */
const WORDS = ['hi', 'ping', 'wire', 'bytes', 'socket', 'notebook', 'hello, world', 'café', 'naïve text', 'frames'];

function clientTextFrame(text: string, maskKey: Uint8Array): Uint8Array {
  return encodeFrame({ opcode: Opcode.Text, payload: text, maskKey });
}

export default defineExercises({
  'hello-text': {
    kind: 'value',
    title: 'Read your first frame',
    answerLabel: 'The text',
    variant: (() => {
      const { frames } = decodeFrames(parseHex(RFC_MASKED_HELLO), { from: 'client' });
      const payload = frames[0]?.payload ?? new Uint8Array();
      const text = new TextDecoder().decode(payload);
      return {
        prompt:
          'These are the bytes of the example frame in RFC 6455 §5.7, the frame the decoder above starts with. Which text does the frame carry? Type it without quotes.',
        figure: RFC_MASKED_HELLO,
        answer: { type: 'text', value: text },
      };
    })(),
    hints: [
      'The decoder above already shows this frame: find the line for the payload.',
      'The payload is masked on the wire; the decoder XORs it with the masking key and shows the text.',
    ],
  },

  'payload-length': {
    kind: 'value',
    title: 'How long is the payload?',
    answerLabel: 'Payload length',
    generate(rng) {
      const text = rng.pick(WORDS);
      const key = Uint8Array.from({ length: 4 }, () => rng.int(0, 255));
      const bytes = clientTextFrame(text, key);
      const frame = decodeFrames(bytes, { from: 'client' }).frames[0];
      if (frame === undefined) throw new Error('the encoder produced a frame the decoder cannot read');
      const length = frame.payloadLength;
      const characters = [...text].length;
      const mistakes: Mistake<number>[] = [
        {
          value: bytes.length,
          message: `that is the whole frame: ${frame.headerLength} header bytes plus the payload. The question asks for the payload alone.`,
        },
        {
          value: bytes[1] ?? 0,
          message:
            'that is the whole second byte. Its top bit is the MASK flag (worth 128); the other seven bits hold the length.',
        },
        ...(characters !== length
          ? [
              {
                value: characters,
                message:
                  'that counts characters. The length counts bytes, and in UTF-8 each of these accented letters takes two.',
              },
            ]
          : []),
      ].filter((m) => m.value !== length);
      return {
        prompt:
          'A browser sent this frame. How many bytes of payload does it carry? Paste the bytes into the decoder above, or read the second byte yourself.',
        figure: toHex(bytes),
        answer: { type: 'number', value: length, unit: 'bytes', mistakes },
      };
    },
    hints: (v) => [
      'Select the bytes, copy them, and paste them into the decoder above (replace what is in its box). It lists the payload length.',
      `By hand: the second byte is ${v.figure?.split(' ')[1] ?? ''} in hex. A masked frame adds 0x80 (128) to the length, so take 128 away.`,
    ],
  },
});
