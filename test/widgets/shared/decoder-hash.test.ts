import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDecoderHash, MAX_HASH_HEX_CHARS, parseDecoderHash } from '../../../src/widgets/shared/decoder-hash';
import { decoderHref, violationHref } from '../../../src/widgets/shared/links';

describe('decoder URL fragment', () => {
  it('writes #hex=…&from=… and reads it back', () => {
    const hash = formatDecoderHash({ hex: '818537fa213d7f9f4d5158', from: 'client' });
    expect(hash).toBe('#hex=818537fa213d7f9f4d5158&from=client');
    expect(parseDecoderHash(hash)).toEqual({ hex: '818537fa213d7f9f4d5158', from: 'client' });
  });

  it('leaves out the default direction and empty or oversized input', () => {
    expect(formatDecoderHash({ hex: '8105', from: 'unknown' })).toBe('#hex=8105');
    expect(formatDecoderHash({ hex: '', from: 'client' })).toBe('');
    expect(formatDecoderHash({ hex: 'a'.repeat(MAX_HASH_HEX_CHARS + 1), from: 'client' })).toBe('');
  });

  it('ignores unknown keys and directions instead of failing', () => {
    expect(parseDecoderHash('#from=sideways&x=1')).toEqual({});
    expect(parseDecoderHash('')).toEqual({});
    expect(parseDecoderHash('hex=8105&from=server')).toEqual({ hex: '8105', from: 'server' });
  });

  it('round-trips any text, including the invalid input a reader shares to show an error', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 200 }),
        fc.constantFrom('client', 'server', 'unknown' as const),
        (hex, from) => {
          expect(parseDecoderHash(formatDecoderHash({ hex, from }))).toEqual(
            from === 'unknown' ? { hex } : { hex, from },
          );
        },
      ),
    );
  });
});

describe('links', () => {
  it('points a violation at its lesson section, anchor = id lowercased', () => {
    expect(violationHref({ id: 'UNMASKED_CLIENT_FRAME' })).toBe('/lessons/websocket-framing/#unmasked_client_frame');
  });
  it('opens bytes in the decoder', () => {
    expect(decoderHref('8105', 'server')).toBe('/tools/frame-decoder/#hex=8105&from=server');
  });
});
