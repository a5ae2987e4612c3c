import { describe, expect, it } from 'vitest';
import { readRequestHead } from '../../../src/protocol/http/request-head';
import { RFC_REQUEST } from '../websocket/handshake-fixtures';

describe('readRequestHead (RFC 9112)', () => {
  it('reads the RFC 6455 §1.2 request: request line, fields in order, where the head ends', () => {
    const head = readRequestHead(RFC_REQUEST + 'frame bytes');
    expect(head).toMatchObject({ complete: true, headLength: RFC_REQUEST.length, lineEnding: 'CRLF' });
    expect(head.requestLine).toEqual({ method: 'GET', target: '/chat', version: 'HTTP/1.1', line: 1 });
    expect(head.fields.map((f) => f.name)).toEqual([
      'Host',
      'Upgrade',
      'Connection',
      'Sec-WebSocket-Key',
      'Origin',
      'Sec-WebSocket-Protocol',
      'Sec-WebSocket-Version',
    ]);
    expect([...head.framingProblems, ...head.startProblems, ...head.fieldProblems]).toEqual([]);
  });

  it('sorts problems by where they are: framing, start line, field lines', () => {
    const head = readRequestHead('\nGET  /x HTTP/1.1\r\nA: 1\n  folded\r\nno colon\r\nB : \0');
    expect(head.framingProblems.map((p) => p.id)).toEqual(['LEADING_EMPTY_LINES', 'BARE_LF']);
    expect(head.startProblems.map((p) => p.id)).toEqual(['INCOMPLETE_HEAD', 'REQUEST_LINE_WHITESPACE']);
    expect(head.fieldProblems.map((p) => [p.id, p.line])).toEqual([
      ['OBS_FOLD', 4],
      ['MISSING_COLON', 5],
      ['WHITESPACE_BEFORE_COLON', 6],
      ['INVALID_FIELD_VALUE', 6],
    ]);
    expect(head.fields).toEqual([
      { name: 'A', value: '1 folded', line: 3 },
      { name: 'B', value: '\0', line: 6 },
    ]);
    expect(head).toMatchObject({ complete: false, lineEnding: 'mixed' });
  });

  it('reports an empty request and no request line', () => {
    const head = readRequestHead('');
    expect(head.hasRequestLine).toBe(false);
    expect(head.startProblems.map((p) => p.id)).toEqual(['EMPTY_REQUEST']);
    expect(head.lineEnding).toBe('none');
  });
});
