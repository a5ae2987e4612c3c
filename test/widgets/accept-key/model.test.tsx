import { describe, expect, it } from 'vitest';
import { computeAcceptKey } from '../../../src/protocol';
import {
  asciiOf,
  compareAccept,
  interpretKeyInput,
  normaliseHead,
  RFC_EXAMPLE_KEY,
  sortProblems,
} from '../../../src/widgets/accept-key/model';
import { formatAcceptKeyHash, looksLikeRequest, parseAcceptKeyHash } from '../../../src/widgets/shared/accept-key-hash';
import { RFC_ACCEPT, RFC_CLIENT_HANDSHAKE } from '../../../content/captures/rfc6455-examples';

/** The client handshake of RFC 6455 §1.2, as a text box holds it (LF line breaks, no final empty line). */
const RFC_REQUEST = RFC_CLIENT_HANDSHAKE.trimEnd().replaceAll('\r\n', '\n');

/** RFC 6455 §1.3: the accept value for the example key. */

describe('interpretKeyInput', () => {
  it('takes a bare key as it is, without surrounding whitespace', () => {
    expect(interpretKeyInput(`  ${RFC_EXAMPLE_KEY}\n`)).toEqual({ kind: 'key', key: RFC_EXAMPLE_KEY });
    expect(interpretKeyInput('   ')).toEqual({ kind: 'empty' });
  });

  it('reads the key out of a single header line, any case', () => {
    expect(interpretKeyInput(`sec-websocket-key:   ${RFC_EXAMPLE_KEY}  `)).toEqual({
      kind: 'header',
      key: RFC_EXAMPLE_KEY,
    });
  });

  it('checks a whole request head with the project validator and extracts its key', () => {
    const input = interpretKeyInput(RFC_REQUEST);
    expect(input.kind).toBe('request');
    if (input.kind !== 'request') return;
    expect(input.key).toBe(RFC_EXAMPLE_KEY);
    expect(input.validation.ok).toBe(true);
    expect(input.validation.status).toBe(101);
    // Re-joined with CRLF and ended, so pasting does not invent BARE_LF / INCOMPLETE_HEAD notes.
    expect(input.validation.problems.map((p) => p.id)).toEqual([]);
  });

  it('lists the problems of a broken head, with rule and severity, and no key when it is missing', () => {
    const broken = RFC_REQUEST.replace('GET', 'POST')
      .replace(/Sec-WebSocket-Key: .*\n/, '')
      .replace('13', '8');
    const input = interpretKeyInput(broken);
    if (input.kind !== 'request') throw new Error('expected a request');
    expect(input.key).toBeUndefined();
    const ids = input.validation.problems.map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining(['METHOD_NOT_GET', 'MISSING_KEY', 'UNSUPPORTED_VERSION']));
    const missing = input.validation.problems.find((p) => p.id === 'MISSING_KEY');
    expect(missing).toMatchObject({ severity: 'error', rule: expect.stringMatching(/^RFC 6455 §4\.2\.1/) });
  });

  it('tells a request from a key', () => {
    expect(looksLikeRequest('GET / HTTP/1.1')).toBe(true);
    expect(looksLikeRequest('Host: a\nUpgrade: websocket')).toBe(true);
    expect(looksLikeRequest(RFC_EXAMPLE_KEY)).toBe(false);
  });

  it('normalises line endings to CRLF and ends the head once', () => {
    expect(normaliseHead('GET / HTTP/1.1\nHost: a\n\n\n')).toBe('GET / HTTP/1.1\r\nHost: a\r\n\r\n');
    expect(normaliseHead('GET / HTTP/1.1\r\nHost: a')).toBe('GET / HTTP/1.1\r\nHost: a\r\n\r\n');
  });
});

describe('compareAccept', () => {
  it('accepts the exact value, a header line or a whole response', async () => {
    const expected = await computeAcceptKey(RFC_EXAMPLE_KEY);
    expect(expected).toBe(RFC_ACCEPT);
    expect(compareAccept(expected, RFC_ACCEPT).kind).toBe('match');
    expect(compareAccept(expected, `Sec-WebSocket-Accept: ${RFC_ACCEPT}`).kind).toBe('match');
    const response = `HTTP/1.1 101 Switching Protocols\nUpgrade: websocket\nConnection: Upgrade\nSec-WebSocket-Accept: ${RFC_ACCEPT}\n`;
    expect(compareAccept(expected, response).kind).toBe('match');
    expect(compareAccept(expected, '  ').kind).toBe('empty');
  });

  it('says why a value does not match', () => {
    expect(compareAccept(RFC_ACCEPT, RFC_ACCEPT.toLowerCase())).toMatchObject({
      kind: 'mismatch',
      reason: expect.stringContaining('case-sensitive'),
    });
    expect(compareAccept(RFC_ACCEPT, 'abc')).toMatchObject({
      kind: 'mismatch',
      reason: expect.stringContaining('3 characters'),
    });
    expect(compareAccept(RFC_ACCEPT, `X${RFC_ACCEPT.slice(1)}`)).toMatchObject({
      kind: 'mismatch',
      reason: expect.stringContaining('character 1'),
    });
    expect(compareAccept(RFC_ACCEPT, 'HTTP/1.1 101\nUpgrade: websocket')).toMatchObject({
      kind: 'mismatch',
      reason: expect.stringContaining('No Sec-WebSocket-Accept'),
    });
  });
});

describe('URL fragment', () => {
  it('round-trips a key and an accept value', () => {
    const hash = formatAcceptKeyHash({ input: RFC_EXAMPLE_KEY, accept: RFC_ACCEPT });
    expect(hash).toBe('#key=dGhlIHNhbXBsZSBub25jZQ%3D%3D&accept=s3pPLMBiTxaQ9kYGzzhZRbK%2BxOo%3D');
    expect(parseAcceptKeyHash(hash)).toEqual({ input: RFC_EXAMPLE_KEY, accept: RFC_ACCEPT });
  });

  it('keeps a request head, line breaks included', () => {
    const hash = formatAcceptKeyHash({ input: RFC_REQUEST, accept: '' });
    expect(hash.startsWith('#head=')).toBe(true);
    expect(parseAcceptKeyHash(hash)).toEqual({ input: RFC_REQUEST });
  });

  it('writes nothing for empty input and ignores unknown keys', () => {
    expect(formatAcceptKeyHash({ input: '', accept: '' })).toBe('');
    expect(parseAcceptKeyHash('#x=1')).toEqual({});
  });
});

describe('helpers', () => {
  it('shows the RFC nonce as text, and not random bytes', () => {
    expect(asciiOf(new TextEncoder().encode('the sample nonce'))).toBe('the sample nonce');
    expect(asciiOf(Uint8Array.of(0x00, 0x41))).toBeUndefined();
  });

  it('sorts problems by severity, keeping their order within one', () => {
    const sorted = sortProblems([
      { severity: 'note' as const, n: 1 },
      { severity: 'error' as const, n: 2 },
      { severity: 'warning' as const, n: 3 },
      { severity: 'error' as const, n: 4 },
    ]);
    expect(sorted.map((p) => p.n)).toEqual([2, 4, 3, 1]);
  });
});
