/**
 * Request heads edited for figures and exercises, checked by the core's own validator (src/explain/http-head.ts).
 */
import { describe, expect, it } from 'vitest';
import { CHROMIUM_UPGRADE_REQUEST } from '../../content/captures/chromium-loopback';
import { headLines, withHeader, withMethod } from '../../src/explain/http-head';
import { validateHandshakeRequest } from '../../src/protocol/websocket/handshake';

describe('heads', () => {
  it('replaces, adds and removes header fields and keeps the head well-formed', () => {
    const v8 = withHeader(CHROMIUM_UPGRADE_REQUEST, 'sec-websocket-version', '8');
    expect(headLines(v8)).toContain('Sec-WebSocket-Version: 8');
    expect(validateHandshakeRequest(v8).status).toBe(426);
    const noUpgrade = withHeader(CHROMIUM_UPGRADE_REQUEST, 'Upgrade', null);
    expect(headLines(noUpgrade).some((l) => l.startsWith('Upgrade:'))).toBe(false);
    expect(validateHandshakeRequest(noUpgrade).status).toBe(400);
    const withProtocol = withHeader(CHROMIUM_UPGRADE_REQUEST, 'Sec-WebSocket-Protocol', 'chat, superchat');
    expect(validateHandshakeRequest(withProtocol).request.protocols).toEqual(['chat', 'superchat']);
    expect(withProtocol.endsWith('\r\n\r\n')).toBe(true);
    expect(validateHandshakeRequest(withMethod(CHROMIUM_UPGRADE_REQUEST, 'POST')).status).toBe(400);
  });
});
