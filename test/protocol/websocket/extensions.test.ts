import { describe, expect, it } from 'vitest';
import { parseExtensions } from '../../../src/protocol/websocket/extensions';
import { validateHandshakeRequest } from '../../../src/protocol/websocket/handshake-request';
import { add, request } from './handshake-fixtures';

describe('parseExtensions', () => {
  it('parseExtensions follows RFC 6455 §9.1, including quoted values and split header lines', () => {
    expect(parseExtensions('foo, bar; baz=2')).toEqual({
      extensions: [
        { name: 'foo', params: [] },
        { name: 'bar', params: [{ name: 'baz', value: '2' }] },
      ],
    });
    expect(
      parseExtensions('permessage-deflate; client_max_window_bits="15" ; server_no_context_takeover').extensions,
    ).toEqual([
      {
        name: 'permessage-deflate',
        params: [{ name: 'client_max_window_bits', value: '15' }, { name: 'server_no_context_takeover' }],
      },
    ]);
    expect(parseExtensions('x; a="1 2"').error).toMatch(/not a token after unescaping/);
    expect(parseExtensions('x; a="12').error).toMatch(/Unterminated quoted string/);
    expect(parseExtensions('x y').error).toMatch(/Expected "," or ";" after extension "x" at position 2/);
    const v = validateHandshakeRequest(
      request(add('Sec-WebSocket-Extensions: foo', 'Sec-WebSocket-Extensions: bar; baz=2')),
    );
    expect(v.request.extensions.map((e) => e.name)).toEqual(['foo', 'bar']);
  });
});
