import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import {
  WEBSOCKET_GUID,
  acceptKeySteps,
  computeAcceptKey,
  generateClientKey,
  isValidClientKey,
  sha1,
  sha1Sync,
} from '../../../src/protocol/websocket/accept-key';
import { CHROMIUM_UPGRADE_ACCEPT } from '../../../content/captures/chromium-loopback';

function nodeAccept(key: string): string {
  return createHash('sha1')
    .update(key + WEBSOCKET_GUID)
    .digest('base64');
}

describe('computeAcceptKey', { timeout: 60_000 }, () => {
  it('RFC 6455 §1.3 / §4.2.2 example: dGhlIHNhbXBsZSBub25jZQ== → s3pPLMBiTxaQ9kYGzzhZRbK+xOo=', async () => {
    expect(await computeAcceptKey('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });

  it('the key Chromium 156 sent on loopback (content/captures/chromium-loopback.ts)', async () => {
    expect(await computeAcceptKey('Q072xSA4v6fJaCC3dbAxzg==')).toBe(CHROMIUM_UPGRADE_ACCEPT);
  });

  it('uses the key exactly as given (no trimming, no base64 decoding)', async () => {
    expect(await computeAcceptKey(' dGhlIHNhbXBsZSBub25jZQ==')).not.toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });

  it('matches node:crypto for random client keys and arbitrary strings (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => Buffer.from(b).toString('base64')),
          fc.string({ unit: 'grapheme', maxLength: 100 }),
        ),
        async (key) => {
          expect(await computeAcceptKey(key)).toBe(nodeAccept(key));
        },
      ),
    );
  });
});

describe('acceptKeySteps', () => {
  it('exposes every intermediate value of the RFC example (§4.2.2 NOTE)', async () => {
    const steps = await acceptKeySteps('dGhlIHNhbXBsZSBub25jZQ==');
    expect(steps.guid).toBe('258EAFA5-E914-47DA-95CA-C5AB0DC85B11');
    expect(steps.concatenated).toBe('dGhlIHNhbXBsZSBub25jZQ==258EAFA5-E914-47DA-95CA-C5AB0DC85B11');
    expect(steps.concatenatedBytes).toHaveLength(60);
    // "0xb3 0x7a 0x4f 0x2c 0xc0 0x62 0x4f 0x16 0x90 0xf6 0x46 0x06 0xcf 0x38 0x59 0x45 0xb2 0xbe 0xc4 0xea"
    expect(steps.sha1Hex).toBe('b3 7a 4f 2c c0 62 4f 16 90 f6 46 06 cf 38 59 45 b2 be c4 ea');
    expect(steps.sha1).toHaveLength(20);
    expect(steps.accept).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    expect(steps.keyCheck.valid).toBe(true);
  });

  it('still computes for an invalid key, and says why it is invalid', async () => {
    const steps = await acceptKeySteps('hello');
    expect(steps.accept).toBe(nodeAccept('hello'));
    expect(steps.keyCheck).toMatchObject({ valid: false });
  });
});

describe('SHA-1 without Web Crypto', { timeout: 60_000 }, () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('sha1Sync matches node:crypto at every padding boundary and on random input (property)', () => {
    for (const length of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000]) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 31 + 7) & 255);
      expect(Buffer.from(sha1Sync(data)).toString('hex')).toBe(createHash('sha1').update(data).digest('hex'));
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
        expect(Buffer.from(sha1Sync(data)).toString('hex')).toBe(createHash('sha1').update(data).digest('hex'));
      }),
    );
  });

  it('computeAcceptKey falls back to it when crypto.subtle is missing (insecure browser context)', async () => {
    vi.stubGlobal('crypto', {});
    expect(globalThis.crypto.subtle).toBeUndefined();
    expect(await computeAcceptKey('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    expect(Buffer.from(await sha1(new Uint8Array(0))).toString('hex')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
  });
});

describe('isValidClientKey (RFC 6455 §4.1 item 7)', () => {
  it('accepts 16 bytes in base64', () => {
    const check = isValidClientKey('dGhlIHNhbXBsZSBub25jZQ==');
    expect(check.valid).toBe(true);
    if (check.valid) expect(new TextDecoder().decode(check.bytes)).toBe('the sample nonce');
  });

  it('accepts the RFC §4.1 example "AQIDBAUGBwgJCgsMDQ4PEC==" but notes its non-zero pad bits', () => {
    const check = isValidClientKey('AQIDBAUGBwgJCgsMDQ4PEC==');
    expect(check.valid).toBe(true);
    if (check.valid) {
      expect(Array.from(check.bytes)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
      expect(check.note).toMatch(/would write "AQIDBAUGBwgJCgsMDQ4PEA=="/);
    }
    expect(isValidClientKey('AQIDBAUGBwgJCgsMDQ4PEA==')).toEqual({
      valid: true,
      bytes: Uint8Array.from({ length: 16 }, (_, i) => i + 1),
    });
  });

  it.each([
    ['', /empty/],
    ['dGhlIHNhbXBsZSBub25jZQ', /blocks of 4 characters; 22 characters leave 2 over/],
    ['dGhlIHNhbXBsZSBub25j', /decodes to 15 bytes; it must decode to exactly 16/],
    ['dGhlIHNhbXBsZSBub25jZQAA', /decodes to 18 bytes/],
    ['dGhlIHNhbXBsZ-Bub25jZQ==', /"-" at position 13 is not a base64 character.*base64url/],
    ['dGhlIHNhbXBsZSBub25jZQ== ', /whitespace/],
    ['dGhlIHNhbXBsZSBu b25jZQ==', /U\+0020 space at position 16/],
    ['dGhlIHNhbXBsZSBub25jZ=Q=', /"=" at position 21 is padding/],
  ])('refuses %j with a reason', (key, reason) => {
    const check = isValidClientKey(key);
    expect(check.valid).toBe(false);
    if (!check.valid) {
      expect(check.reason).toMatch(reason);
      expect(check.rule).toBe('RFC 6455 §4.1 item 7');
    }
  });
});

describe('generateClientKey', () => {
  it('encodes the 16 bytes the random source gives (RFC §4.1 item 7 example bytes)', () => {
    expect(generateClientKey((n) => Uint8Array.from({ length: n }, (_, i) => i + 1))).toBe('AQIDBAUGBwgJCgsMDQ4PEA==');
  });

  it('uses crypto.getRandomValues by default: valid and fresh each time', () => {
    const a = generateClientKey();
    const b = generateClientKey();
    expect(isValidClientKey(a).valid).toBe(true);
    expect(a).not.toBe(b);
  });

  it('refuses a random source that returns the wrong length', () => {
    expect(() => generateClientKey(() => new Uint8Array(15))).toThrow(/must return 16 bytes, got 15/);
  });
});
